using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens.Policy;

/// <summary>
/// How long a token has gone unused, and which tokens the policy's daily sweep revokes: unused (or never used and
/// created) at least <see cref="ApiTokenPolicy.MaxUnusedDays"/> days ago. A token whose last use and creation are
/// both unknown (a legacy token from an old home, never used since) cannot be judged and is left alone.
/// </summary>
public static class UnusedTokens
{
    /// <summary>Whole days since the last use, or since creation for a token never used; null when neither is known.</summary>
    public static int? UnusedDays(TokenView token, DateTimeOffset now) =>
        (token.LastUseDate ?? token.CreationDate) is { } since
            ? DateOnly.FromDateTime(now.UtcDateTime).DayNumber - DateOnly.FromDateTime(since.UtcDateTime).DayNumber
            : null;

    /// <summary>The tokens the sweep revokes now, user by user; none when the policy sets no limit.</summary>
    public static IReadOnlyList<StaleToken> ToSweep(UserAccounts users, ApiTokenPolicy policy, DateTimeOffset now)
    {
        if (policy.MaxUnusedDays <= 0)
        {
            return [];
        }

        return
        [
            .. from user in users.All
               from token in users.TokensOf(user)
               let unused = UnusedDays(token, now)
               where unused >= policy.MaxUnusedDays
               select new StaleToken(user.Id, token.Uuid, token.Name, unused.Value),
        ];
    }
}
