using System.Collections.Concurrent;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// Use counts and last use of tokens (Jenkins' ApiTokenStats). Recorded in memory on the request path
/// and written by <see cref="Flush"/>, which a background service calls every few seconds and at
/// shutdown: authentication never waits on a disk write (decisions.md #6).
/// </summary>
public sealed class ApiTokenUsageStats(IUserRepository repository, TimeProvider clock, Func<bool> enabled)
{
    private readonly ConcurrentDictionary<string, UserStats> _byUser = new();

    public void RecordUse(string userId, string tokenUuid)
    {
        if (!enabled())
        {
            return;
        }

        var stats = StatsOf(userId);
        lock (stats)
        {
            var old = stats.Usage.GetValueOrDefault(tokenUuid, TokenUsage.Never);
            stats.Usage[tokenUuid] = new TokenUsage(checked(old.UseCount + 1), clock.GetUtcNow());
            stats.Dirty = true;
        }
    }

    /// <summary>Jenkins shows no usage while statistics are off; the data is kept for when they are on again.</summary>
    public TokenUsage UsageOf(string userId, string tokenUuid)
    {
        if (!enabled())
        {
            return TokenUsage.Never;
        }

        var stats = StatsOf(userId);
        lock (stats)
        {
            return stats.Usage.GetValueOrDefault(tokenUuid, TokenUsage.Never);
        }
    }

    /// <summary>Drops the entries of tokens that no longer exist.</summary>
    public void Forget(string userId, IEnumerable<string> tokenUuids)
    {
        var stats = StatsOf(userId);
        lock (stats)
        {
            foreach (var uuid in tokenUuids)
            {
                stats.Dirty |= stats.Usage.Remove(uuid);
            }
        }
    }

    /// <summary>Forgets a deleted user entirely, without writing.</summary>
    public void ForgetUser(string userId) => _byUser.TryRemove(UserId.KeyFor(userId), out _);

    /// <summary>
    /// Writes every user's changed stats. A user whose write fails stays dirty and is tried again next
    /// time; the others are still written. Failures are reported as one <see cref="IOException"/>.
    /// </summary>
    public void Flush()
    {
        Exception? firstFailure = null;
        var failures = 0;
        foreach (var stats in _byUser.Values)
        {
            Dictionary<string, TokenUsage> snapshot;
            lock (stats)
            {
                if (!stats.Dirty)
                {
                    continue;
                }

                snapshot = new Dictionary<string, TokenUsage>(stats.Usage);
                stats.Dirty = false;
            }

            try
            {
                repository.SaveTokenStats(stats.UserId, snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                lock (stats)
                {
                    stats.Dirty = true;
                }

                firstFailure ??= e;
                failures++;
            }
        }

        if (firstFailure is not null)
        {
            throw new IOException($"The token usage statistics of {failures} user(s) could not be written.", firstFailure);
        }
    }

    private UserStats StatsOf(string userId) =>
        _byUser.GetOrAdd(UserId.KeyFor(userId), _ => new UserStats(userId, repository.LoadTokenStats(userId)));

    private sealed class UserStats(string userId, IReadOnlyDictionary<string, TokenUsage> loaded)
    {
        public string UserId { get; } = userId;

        public Dictionary<string, TokenUsage> Usage { get; } = new(loaded);

        public bool Dirty { get; set; }
    }
}
