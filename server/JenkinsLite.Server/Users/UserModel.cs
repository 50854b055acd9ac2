using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Users;

/// <summary>
/// The exported hudson.model.User. Properties are shown to the user and to admins only; the API token
/// property carries the token list (beyond Jenkins, which exports nothing there): never a value or hash.
/// </summary>
internal static class UserModel
{
    public static JObject Of(User user, string rootUrl, bool showProperties, IReadOnlyList<TokenView> tokens, Func<TokenView, bool> expiringSoon)
    {
        var properties = new JArray();
        if (showProperties)
        {
            properties.Add(new JObject
            {
                ["_class"] = "jenkins.security.ApiTokenProperty",
                ["tokens"] = new JArray(tokens.Select(t => TokenJson(t, expiringSoon(t)))),
            });
            properties.Add(new JObject { ["_class"] = "hudson.security.HudsonPrivateSecurityRealm$Details" });
        }

        var model = new JObject
        {
            ["_class"] = "hudson.model.User",
            ["absoluteUrl"] = $"{rootUrl}user/{Uri.EscapeDataString(UserId.KeyFor(user.Id))}",
            ["description"] = string.IsNullOrEmpty(user.Description) ? null : user.Description,
            ["fullName"] = user.FullName,
            ["id"] = user.Id,
            ["property"] = properties,
        };
        if (user.IsServiceAccount)
        {
            model["serviceAccount"] = true;
        }

        return model;
    }

    public static JObject TokenJson(TokenView token, bool expiringSoon) => new()
    {
        ["name"] = token.Name,
        ["uuid"] = token.Uuid,
        ["creationDate"] = Iso(token.CreationDate),
        ["ageInDays"] = token.AgeInDays,
        ["ageLevel"] = token.AgeLevel.ToString().ToLowerInvariant(),
        ["useCount"] = token.UseCount,
        ["lastUseDate"] = Iso(token.LastUseDate),
        ["legacy"] = token.Legacy,
        ["expirationDate"] = token.ExpirationDate?.ToString("yyyy-MM-dd"),
        ["expired"] = token.Expired,
        ["aboutToExpire"] = token.AboutToExpire,
        ["scope"] = ScopeJson(token.Scope ?? TokenScope.Full),
        ["createdBy"] = token.CreatedBy,
        ["rotatedTo"] = token.RotatedTo,
        ["expiringSoon"] = expiringSoon, // the policy's warning window (token-governance.md section 8)
    };

    /// <summary><c>{name, permissions (expanded), items}</c>; items empty when the token may act on every item.</summary>
    public static JObject ScopeJson(TokenScope scope) => new()
    {
        ["name"] = scope.Name,
        ["permissions"] = new JArray(scope.ExpandedPermissionIds),
        ["items"] = new JArray(scope.Items),
    };

    public static string? Iso(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}
