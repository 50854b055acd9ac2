using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

/// <summary>
/// An in-memory users folder. It can be told to fail, so tests can check that a failed save changes
/// nothing, and it records every call so tests can check what would have reached the disk.
/// </summary>
internal sealed class FakeUserRepository : IUserRepository
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, User> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyDictionary<string, TokenUsage>> _stats = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<User> _saved = [];
    private readonly List<string> _deleted = [];
    private readonly List<(string UserId, IReadOnlyDictionary<string, TokenUsage> Stats)> _savedStats = [];
    private readonly List<UnreadableUserFile> _unreadable = [];

    /// <summary>When set, <see cref="Save"/> throws it and stores nothing.</summary>
    public Exception? SaveFailure { get; set; }

    /// <summary>When set, <see cref="Delete"/> throws it and deletes nothing.</summary>
    public Exception? DeleteFailure { get; set; }

    /// <summary>When set, <see cref="SaveTokenStats"/> throws it and stores nothing.</summary>
    public Exception? SaveStatsFailure { get; set; }

    /// <summary>Runs inside <see cref="LoadAll"/>, after the users were read and before they are returned.</summary>
    public Action? DuringLoadAll { get; set; }

    public bool FailSaves
    {
        set => SaveFailure = value ? new IOException("disk full (test)") : null;
    }

    /// <summary>Every user handed to a successful <see cref="Save"/>, in order.</summary>
    public IReadOnlyList<User> Saved
    {
        get
        {
            lock (_gate)
            {
                return [.. _saved];
            }
        }
    }

    public IReadOnlyList<string> Deleted
    {
        get
        {
            lock (_gate)
            {
                return [.. _deleted];
            }
        }
    }

    public IReadOnlyList<(string UserId, IReadOnlyDictionary<string, TokenUsage> Stats)> SavedStats
    {
        get
        {
            lock (_gate)
            {
                return [.. _savedStats];
            }
        }
    }

    /// <summary>Puts a user on the "disk" without counting it as a save.</summary>
    public void Put(User user)
    {
        lock (_gate)
        {
            _users[user.Id] = user;
        }
    }

    public void PutStats(string userId, IReadOnlyDictionary<string, TokenUsage> stats)
    {
        lock (_gate)
        {
            _stats[userId] = stats;
        }
    }

    public void PutUnreadable(UnreadableUserFile file)
    {
        lock (_gate)
        {
            _unreadable.Add(file);
        }
    }

    /// <summary>The user as last stored, or null.</summary>
    public User? Stored(string userId)
    {
        lock (_gate)
        {
            return _users.GetValueOrDefault(userId);
        }
    }

    public IReadOnlyDictionary<string, TokenUsage>? StoredStats(string userId)
    {
        lock (_gate)
        {
            return _stats.GetValueOrDefault(userId);
        }
    }

    public UserLoad LoadAll()
    {
        UserLoad load;
        lock (_gate)
        {
            load = new UserLoad([.. _users.Values], [.. _unreadable]);
        }

        DuringLoadAll?.Invoke();
        return load;
    }

    public UserFileRead? ReadOne(string userId)
    {
        lock (_gate)
        {
            ReadAlone.Add(userId);
            return _users.TryGetValue(userId, out var user) ? new UserFileRead(user, null)
                : _unreadable.FirstOrDefault(f => string.Equals(f.UserId, userId, StringComparison.OrdinalIgnoreCase)) is { } file ? new UserFileRead(null, file)
                : null;
        }
    }

    /// <summary>Every id asked of <see cref="ReadOne"/>, in order.</summary>
    public List<string> ReadAlone { get; } = [];

    public bool AnyUserFile(Func<User, bool> matches)
    {
        lock (_gate)
        {
            return _unreadable.Count > 0 || _users.Values.Any(matches);
        }
    }

    public void Save(User user)
    {
        lock (_gate)
        {
            if (SaveFailure is { } failure)
            {
                throw failure;
            }

            _users[user.Id] = user;
            _saved.Add(user);
        }
    }

    public void Delete(string userId)
    {
        lock (_gate)
        {
            if (DeleteFailure is { } failure)
            {
                throw failure;
            }

            _users.Remove(userId);
            _stats.Remove(userId);
            _deleted.Add(userId);
        }
    }

    public IReadOnlyDictionary<string, TokenUsage> LoadTokenStats(string userId)
    {
        lock (_gate)
        {
            return _stats.TryGetValue(userId, out var stats) ? new Dictionary<string, TokenUsage>(stats) : [];
        }
    }

    public void SaveTokenStats(string userId, IReadOnlyDictionary<string, TokenUsage> stats)
    {
        lock (_gate)
        {
            if (SaveStatsFailure is { } failure)
            {
                throw failure;
            }

            var copy = new Dictionary<string, TokenUsage>(stats);
            _stats[userId] = copy;
            _savedStats.Add((userId, copy));
        }
    }
}
