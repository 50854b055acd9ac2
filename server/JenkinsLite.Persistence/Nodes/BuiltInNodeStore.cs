using System.Globalization;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Nodes;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Nodes;

/// <summary>
/// The built-in node's <c>&lt;temporaryOfflineCause&gt;</c> in the root config.xml, in the shape XStream gives
/// Jenkins' <c>OfflineCause$UserCause</c> (its message a <c>Localizable</c>), so Jenkins reads it back and we
/// read Jenkins' own. Jenkins writes the fields of <c>Node</c> before those of <c>Jenkins</c>: it goes first.
/// Every other element of the file is kept as it is.
/// </summary>
public sealed class BuiltInNodeStore(JenkinsHome home) : IBuiltInNodeStore
{
    private const string ElementName = "temporaryOfflineCause";
    private const string UserCauseClass = "hudson.slaves.OfflineCause$UserCause";

    public NodeOfflineCause? LoadOfflineCause()
    {
        XDocument document;
        try
        {
            document = JenkinsXml.Load(home.ConfigXml, home);
        }
        catch (Exception e) when (e is HomeDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // the security loader reports an unreadable config.xml
        }

        return document.Root!.Element(ElementName) is { } cause ? Read(cause) : null;
    }

    public void SaveOfflineCause(NodeOfflineCause? cause)
    {
        lock (home.ConfigXmlGate)
        {
            var document = JenkinsXml.Load(home.ConfigXml, home);
            var root = document.Root!;
            if (root.Element(ElementName) is { } old)
            {
                if (old.PreviousNode is XText indent && string.IsNullOrWhiteSpace(indent.Value))
                {
                    indent.Remove();
                }

                old.Remove();
            }

            if (cause is not null)
            {
                var element = JenkinsXml.Indented(Write(cause), 1);
                if (root.FirstNode is null)
                {
                    root.Add(new XText("\n  "), element, new XText("\n"));
                }
                else
                {
                    root.AddFirst(new XText("\n  "), element);
                }
            }

            AtomicFile.Write(home.ConfigXml, JenkinsXml.Serialize(document));
        }
    }

    private static XElement Write(NodeOfflineCause cause)
    {
        var args = new XElement("args", new XElement("string", cause.UserId ?? "anonymous"),
            new XElement("string", cause.Message is null ? string.Empty : " : " + cause.Message));
        var element = new XElement(ElementName, new XAttribute("class", UserCauseClass),
            new XElement("timestamp", cause.Since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new XElement("description",
                new XElement("holder", new XElement("owner", "hudson.slaves.Messages")),
                new XElement("key", "SlaveComputer.DisconnectedBy"),
                args));
        if (cause.UserId is not null)
        {
            element.Add(new XElement("userId", cause.UserId));
        }

        if (cause.Message is not null)
        {
            element.Add(new XElement("message", cause.Message));
        }

        return element;
    }

    // Any cause class is read as a user's: its user, message and time when present.
    private static NodeOfflineCause Read(XElement cause)
    {
        var since = long.TryParse(cause.Element("timestamp")?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UnixEpoch;
        var userId = cause.Element("userId")?.Value;
        var message = cause.Elements("message").Select(m => m.Value).FirstOrDefault();
        return new NodeOfflineCause(string.IsNullOrEmpty(userId) ? null : userId, message, since,
            FromCli: cause.Attribute("class")?.Value == "hudson.slaves.OfflineCause$ByCLI");
    }
}
