using System.Text.RegularExpressions;

namespace JenkinsLite.Server.Hosting;

/// <summary>
/// Hides the secrets a log text can carry (SEC-38, decisions.md #17): query values named <c>token</c>,
/// <c>crumb</c>, <c>Jenkins-Crumb</c>, <c>.crumb</c> or <c>json</c>, the value of an <c>Authorization</c> or
/// <c>Cookie</c> header and the argument of the CLI's <c>-auth</c>.
/// </summary>
public static partial class LogRedaction
{
    public const string Mask = "****";

    private static readonly HashSet<string> SecretQueryNames = new(["token", "crumb", "Jenkins-Crumb", ".crumb", "json"], StringComparer.OrdinalIgnoreCase);

    public static string Redact(string text) =>
        text.Length == 0 ? text : AuthArgument().Replace(Header().Replace(QueryValue().Replace(text, HideSecretQueryValue), "${name}${separator}" + Mask), "${option}" + Mask);

    // The name is compared decoded, so "?%74oken=" is hidden as "?token=" is.
    private static string HideSecretQueryValue(Match match)
    {
        var name = match.Groups["name"].Value;
        var decoded = Uri.UnescapeDataString(name.Replace('+', ' '));
        return SecretQueryNames.Contains(decoded) ? match.Groups["prefix"].Value + Mask : match.Value;
    }

    [GeneratedRegex(@"(?<prefix>[?&;](?<name>[^?&;=\s#]+)=)(?<value>[^&;\s#""']*)")]
    private static partial Regex QueryValue();

    [GeneratedRegex(@"(?<name>\b(?:Proxy-Authorization|Authorization|Set-Cookie|Cookie))(?<separator>""?\s*[:=]\s*""?)(?<value>[^""\r\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Header();

    [GeneratedRegex(@"(?<option>(?<![\w-])-auth[""']?[\s,=]+[""']?)(?<value>[^\s""',\]]+)")]
    private static partial Regex AuthArgument();
}
