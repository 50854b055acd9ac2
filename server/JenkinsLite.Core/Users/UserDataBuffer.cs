using System.Collections.Concurrent;

namespace JenkinsLite.Core.Users;

/// <summary>
/// Per-user entries kept in memory on the request path and written by <see cref="Flush"/>, which a background
/// service calls every few seconds and at shutdown, so a request never waits on a disk write (decisions.md #6).
/// A user's entries are read from the store the first time they are needed. Token usage statistics and token
/// addresses both keep their data this way.
/// </summary>
/// <param name="load">Reads a user's stored entries.</param>
/// <param name="save">Writes all of a user's entries.</param>
/// <param name="description">What the entries are, for the flush failure message ("token addresses").</param>
public sealed class UserDataBuffer<TEntry>(
    Func<string, IReadOnlyDictionary<string, TEntry>> load,
    Action<string, IReadOnlyDictionary<string, TEntry>> save,
    string description)
{
    private readonly ConcurrentDictionary<string, UserEntries> _byUser = new();

    /// <summary>Reads a user's entries under their lock.</summary>
    public T Read<T>(string userId, Func<IReadOnlyDictionary<string, TEntry>, T> read)
    {
        var user = Of(userId);
        lock (user)
        {
            return read(user.Entries);
        }
    }

    /// <summary>
    /// Changes a user's entries under their lock; <paramref name="change"/> answers what it found and whether anything
    /// changed, to be written. It is given <paramref name="state"/>, so a caller on the request path needs no closure.
    /// </summary>
    public T Change<TState, T>(string userId, TState state, Func<Dictionary<string, TEntry>, TState, (T Result, bool Changed)> change)
    {
        var user = Of(userId);
        lock (user)
        {
            var (result, changed) = change(user.Entries, state);
            user.Dirty |= changed;
            return result;
        }
    }

    /// <summary>
    /// Drops the entries of <paramref name="keys"/> (written at the next flush when any was there); null forgets a
    /// deleted user entirely, without writing.
    /// </summary>
    public void Forget(string userId, IReadOnlyCollection<string>? keys)
    {
        if (keys is null)
        {
            _byUser.TryRemove(UserId.KeyFor(userId), out _);
            return;
        }

        Change(userId, keys, static (entries, keys) =>
        {
            var removed = keys.Aggregate(false, (any, key) => entries.Remove(key) | any);
            return (removed, removed);
        });
    }

    /// <summary>
    /// Writes every user whose entries changed. A user whose write fails stays changed and is tried again next
    /// time; the others are still written. Failures are reported as one <see cref="IOException"/>.
    /// </summary>
    public void Flush()
    {
        Exception? first = null;
        var failures = 0;
        foreach (var user in _byUser.Values)
        {
            Dictionary<string, TEntry> snapshot;
            lock (user)
            {
                if (!user.Dirty)
                {
                    continue;
                }

                snapshot = new Dictionary<string, TEntry>(user.Entries, StringComparer.Ordinal);
                user.Dirty = false;
            }

            try
            {
                save(user.UserId, snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                lock (user)
                {
                    user.Dirty = true;
                }

                first ??= e;
                failures++;
            }
        }

        if (first is not null)
        {
            throw new IOException($"The {description} of {failures} user(s) could not be written.", first);
        }
    }

    private UserEntries Of(string userId) =>
        _byUser.GetOrAdd(UserId.KeyFor(userId), static (_, known) => new UserEntries(known.userId, known.load(known.userId)), (userId, load));

    private sealed class UserEntries(string userId, IReadOnlyDictionary<string, TEntry> loaded)
    {
        public string UserId { get; } = userId;

        public Dictionary<string, TEntry> Entries { get; } = new(loaded, StringComparer.Ordinal);

        public bool Dirty { get; set; }
    }
}
