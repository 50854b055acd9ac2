using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Users;

/// <summary>
/// A user who still has a legacy API token, as Jenkins' legacy-token monitor lists them: whether they
/// already moved on, judged against the legacy token's last use (or its creation, when never used).
/// </summary>
/// <param name="HasFreshToken">Another token was created after that moment.</param>
/// <param name="HasRecentToken">Another token was used after that moment.</param>
public sealed record LegacyTokenHolder(User User, TokenView Legacy, bool HasFreshToken, bool HasRecentToken)
{
    public static LegacyTokenHolder? Of(User user, IReadOnlyList<TokenView> tokens)
    {
        if (tokens.FirstOrDefault(t => t.Legacy) is not { } legacy)
        {
            return null;
        }

        var since = legacy.LastUseDate ?? legacy.CreationDate;
        var others = tokens.Where(t => !t.Legacy).ToList();
        return new LegacyTokenHolder(user, legacy,
            others.Any(t => t.CreationDate is { } created && (since is null || created > since)),
            others.Any(t => t.LastUseDate is { } used && (since is null || used > since)));
    }
}
