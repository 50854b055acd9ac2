using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>
/// The fields of a token that scopes, service accounts and rotation add (token-governance.md sections 1, 3, 4), as the
/// inventory shows them. <see cref="Of"/> is the one place that reads them from the token model; until that model holds
/// them it gives Jenkins' meaning: a full token, of an ordinary user, created by its owner, never rotated.
/// </summary>
public sealed record TokenGovernance(
    string ScopeName,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> Items,
    bool ServiceAccount,
    string CreatedBy,
    string? RotatedTo)
{
    public static TokenGovernance Of(User owner, HashedToken token) =>
        new("full", [], [], false, owner.Id, null);
}
