using System.Net;
using System.Xml;
using System.Xml.Linq;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Cli;

/// <summary>
/// The Origin a WebSocket CLI upgrade must carry (SECURITY-3315, security.md SEC-45): the configured root
/// URL's <c>scheme://host[:port]</c> from <c>jenkins.model.JenkinsLocationConfiguration.xml</c>, else the
/// address the connection reached (decisions.md #13). The Host header is never used.
/// </summary>
internal static class CliOrigin
{
    private const string LocationFile = "jenkins.model.JenkinsLocationConfiguration.xml";

    public static string Expected(HttpContext context, JenkinsInstance instance)
    {
        if (ConfiguredRootUrl(instance) is { } configured)
        {
            return configured.GetLeftPart(UriPartial.Authority);
        }

        var address = context.Connection.LocalIpAddress ?? IPAddress.Loopback;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return new UriBuilder(context.Request.Scheme, address.ToString(), context.Connection.LocalPort).Uri.GetLeftPart(UriPartial.Authority);
    }

    public static bool Matches(string? actual, string expected) =>
        actual is not null && string.Equals(actual.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase);

    private static Uri? ConfiguredRootUrl(JenkinsInstance instance)
    {
        var path = Path.Combine(instance.Home.Root, LocationFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CheckCharacters = false };
            var text = File.ReadAllText(path).Replace("version='1.1'", "version='1.0'", StringComparison.Ordinal)
                .Replace("version=\"1.1\"", "version=\"1.0\"", StringComparison.Ordinal);
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var url = XDocument.Load(reader).Root?.Element("jenkinsUrl")?.Value.Trim();
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
