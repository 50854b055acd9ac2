using System.Globalization;

namespace JenkinsLite.Server.Security.Ldap;

/// <summary>One server of the plugin's <c>&lt;server&gt;</c> text: <c>host</c>, <c>host:port</c>, <c>ldap://host:port</c> or <c>ldaps://host:port</c>.</summary>
internal sealed record LdapEndpoint(string Host, int Port, bool Ldaps)
{
    public const int LdapPort = 389;
    public const int LdapsPort = 636;

    public override string ToString() => $"{(Ldaps ? "ldaps" : "ldap")}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The servers of one configuration, in the order the plugin tries them (space-separated).</summary>
    public static IReadOnlyList<LdapEndpoint> ParseAll(string server) =>
        [.. server.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    public static LdapEndpoint Parse(string text)
    {
        var ldaps = text.StartsWith("ldaps://", StringComparison.OrdinalIgnoreCase);
        var rest = ldaps ? text[8..] : text.StartsWith("ldap://", StringComparison.OrdinalIgnoreCase) ? text[7..] : text;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            rest = rest[..slash];
        }

        var colon = rest.LastIndexOf(':');
        if (colon > 0 && int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
        {
            return new LdapEndpoint(rest[..colon], port, ldaps);
        }

        return new LdapEndpoint(rest, ldaps ? LdapsPort : LdapPort, ldaps);
    }
}
