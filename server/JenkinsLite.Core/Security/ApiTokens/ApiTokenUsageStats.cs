using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// Use counts and last use of tokens (Jenkins' ApiTokenStats). Recorded in memory on the request path
/// and written by <see cref="Flush"/> (a <see cref="UserDataBuffer{TEntry}"/>): authentication never waits
/// on a disk write (decisions.md #6).
/// </summary>
public sealed class ApiTokenUsageStats(IUserRepository repository, TimeProvider clock, Func<bool> enabled)
{
    private readonly UserDataBuffer<TokenUsage> _buffer = new(repository.LoadTokenStats, repository.SaveTokenStats, "token usage statistics");

    public void RecordUse(string userId, string tokenUuid)
    {
        if (!enabled())
        {
            return;
        }

        _buffer.Change(userId, (tokenUuid, clock), static (usage, use) =>
        {
            var old = usage.GetValueOrDefault(use.tokenUuid, TokenUsage.Never);
            usage[use.tokenUuid] = new TokenUsage(checked(old.UseCount + 1), use.clock.GetUtcNow());
            return (true, true);
        });
    }

    /// <summary>Jenkins shows no usage while statistics are off; the data is kept for when they are on again.</summary>
    public TokenUsage UsageOf(string userId, string tokenUuid) =>
        enabled() ? _buffer.Read(userId, usage => usage.GetValueOrDefault(tokenUuid, TokenUsage.Never)) : TokenUsage.Never;

    /// <summary>Raised once tokens that no longer exist are forgotten (null: every token of a deleted user), so other data kept per token follows.</summary>
    public event Action<string, IReadOnlyCollection<string>?>? Forgotten;

    /// <summary>Drops the entries of tokens that no longer exist.</summary>
    public void Forget(string userId, IEnumerable<string> tokenUuids)
    {
        var gone = tokenUuids.ToList();
        _buffer.Forget(userId, gone);
        Forgotten?.Invoke(userId, gone);
    }

    /// <summary>Forgets a deleted user entirely, without writing.</summary>
    public void ForgetUser(string userId)
    {
        _buffer.Forget(userId, null);
        Forgotten?.Invoke(userId, null);
    }

    /// <inheritdoc cref="UserDataBuffer{TEntry}.Flush"/>
    public void Flush() => _buffer.Flush();
}
