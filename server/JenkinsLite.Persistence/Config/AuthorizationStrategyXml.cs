using System.Xml.Linq;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Persistence.Config;

/// <summary>
/// Reads the <c>&lt;authorizationStrategy class="…"&gt;</c> element of Jenkins' root config.xml (api-tokens.md 3.5).
/// </summary>
public static class AuthorizationStrategyXml
{
    /// <summary>
    /// The strategy the element describes; no element, or security switched off, means "anyone can do anything".
    /// </summary>
    /// <exception cref="FormatException">The class is not supported, or a matrix entry is malformed.</exception>
    public static AuthorizationStrategy Read(XElement? authorizationStrategyElement, bool useSecurity)
    {
        if (!useSecurity || authorizationStrategyElement is null)
        {
            return UnsecuredAuthorizationStrategy.Instance;
        }

        var className = authorizationStrategyElement.Attribute("class")?.Value.Trim();
        return className switch
        {
            null or "" => throw new FormatException("<authorizationStrategy> has no class attribute."),
            UnsecuredAuthorizationStrategy.JenkinsClassName => UnsecuredAuthorizationStrategy.Instance,
            FullControlOnceLoggedInAuthorizationStrategy.JenkinsClassName =>
                new FullControlOnceLoggedInAuthorizationStrategy(
                    IsTrue(authorizationStrategyElement.Element("denyAnonymousReadAccess"))),
            GlobalMatrixAuthorizationStrategy.GlobalClassName or GlobalMatrixAuthorizationStrategy.ProjectClassName =>
                new GlobalMatrixAuthorizationStrategy(ReadGrants(authorizationStrategyElement), className),
            _ => throw new FormatException($"The authorization strategy '{className}' is not supported."),
        };
    }

    /// <summary>
    /// Parses one matrix entry: <c>TYPE:permission:sid</c> (matrix-auth 3.0+, TYPE = USER, GROUP or EITHER) or the
    /// older <c>permission:sid</c>. The permission may be an id or the UI form ("Job/Build"). Null for a
    /// permission JenkinsLite does not know (a plugin's), which the matrix ignores.
    /// </summary>
    /// <exception cref="FormatException">The entry lacks a permission or sid part.</exception>
    public static MatrixGrant? ParseGrant(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var first = entry.IndexOf(':', StringComparison.Ordinal);
        if (first < 0)
        {
            throw new FormatException($"The permission entry '{entry}' is not of the form [TYPE:]permission:sid.");
        }

        // Like matrix-auth: a first part that is not exactly a type name is the permission of an old-style entry.
        var kind = entry[..first] switch
        {
            "USER" => MatrixGrantKind.User,
            "GROUP" => MatrixGrantKind.Group,
            "EITHER" => MatrixGrantKind.Either,
            _ => (MatrixGrantKind?)null,
        };

        string permissionText;
        string sid;
        if (kind is null)
        {
            kind = MatrixGrantKind.Either;
            permissionText = entry[..first];
            sid = entry[(first + 1)..];
        }
        else
        {
            var second = entry.IndexOf(':', first + 1);
            if (second < 0)
            {
                throw new FormatException($"The permission entry '{entry}' is not of the form [TYPE:]permission:sid.");
            }

            permissionText = entry[(first + 1)..second];
            sid = entry[(second + 1)..];
        }

        var permission = Permission.Find(permissionText);
        return permission is null ? null : new MatrixGrant(kind.Value, permission, sid);
    }

    private static List<MatrixGrant> ReadGrants(XElement element)
    {
        // matrix-auth (1.x to 3.x) writes a flat list of <permission> children; its reader takes every child.
        var grants = new List<MatrixGrant>();
        foreach (var child in element.Elements())
        {
            var grant = ParseGrant(child.Value.Trim());
            if (grant is not null && grant.Sid.Length > 0)
            {
                grants.Add(grant);
            }
        }

        return grants;
    }

    // XStream reads booleans case-insensitively; anything but "true" is false.
    private static bool IsTrue(XElement? element) =>
        element is not null && string.Equals(element.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
