using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>
/// The fields of a token that scopes, service accounts and rotation add (token-governance.md sections 1, 3, 4), as the
/// inventory shows them. <see cref="Of"/> is the one place that reads them from the token model; a token without
/// them has Jenkins' meaning: a full token, created by its owner, never rotated.
/// </summary>
public sealed record TokenGovernance(
    string ScopeName,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> Items,
    bool ServiceAccount,
    string CreatedBy,
    string? RotatedTo)
{
    public static TokenGovernance Of(User owner, HashedToken token)
    {
        var scope = token.EffectiveScope;
        return new(scope.Name, scope.ExpandedPermissionIds, scope.Items, owner.IsServiceAccount, token.CreatedBy ?? owner.Id, token.RotatedTo);
    }
}
