using System.Globalization;
using System.Xml.Linq;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Secrets;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Builds;

/// <summary>
/// A build's <c>build.xml</c> in Jenkins' FreeStyleBuild shape (XStream: <c>$</c> in class names is
/// written <c>_-</c>). Password values are stored as Jenkins stores a Secret: encrypted with the home's key.
/// UserIdCause keeps only the user id, as in Jenkins; the name is looked up when read.
/// To evolve the format, add elements: Jenkins ignores the ones it does not know, and so does <see cref="Parse"/>.
/// </summary>
internal static class BuildXml
{
    public static byte[] Serialize(BuildRecord record, string workspace, SecretCipher cipher)
    {
        var actions = new XElement("actions");
        if (record.Parameters.Count > 0)
        {
            actions.Add(new XElement("hudson.model.ParametersAction",
                new XElement("safeParameters", new XAttribute("class", "sorted-set")),
                new XElement("parameters", record.Parameters.Select(p => new XElement(XStreamName(p.ClassName),
                    new XElement("name", p.Name),
                    new XElement("value", p.Sensitive ? cipher.Encrypt(p.Value) : p.Value)))),
                new XElement("parameterDefinitionNames", record.Parameters.Select(p => new XElement("string", p.Name)))));
        }

        actions.Add(new XElement("hudson.model.CauseAction",
            new XElement("causeBag", new XAttribute("class", "linked-hash-map"),
                record.Causes.Select(c => new XElement("entry", CauseElement(c), new XElement("int", 1))))));

        var root = new XElement("build",
            actions,
            new XElement("queueId", record.QueueId),
            new XElement("timestamp", record.Timestamp.ToUnixTimeMilliseconds()),
            new XElement("startTime", record.Timestamp.ToUnixTimeMilliseconds()));
        if (record.Result is { } result)
        {
            root.Add(new XElement("result", BuildRecord.ResultName(result)));
        }

        if (record.Description is not null)
        {
            root.Add(new XElement("description", record.Description));
        }

        if (record.DisplayName is not null)
        {
            root.Add(new XElement("displayName", record.DisplayName));
        }

        root.Add(
            new XElement("duration", (long)record.Duration.TotalMilliseconds),
            new XElement("charset", "UTF-8"),
            new XElement("keepLog", record.KeepLog ? "true" : "false"),
            new XElement("builtOn", string.Empty),
            new XElement("workspace", workspace),
            new XElement("hudsonVersion", "2.555.1"),
            new XElement("scm", new XAttribute("class", "hudson.scm.NullChangeLogParser")),
            new XElement("culprits", new XAttribute("class", "java.util.Collections$UnmodifiableSet"),
                new XElement("c", new XAttribute("class", "sorted-set"))));
        return JenkinsXml.Serialize(new XDocument(JenkinsXml.Indented(root, 0)));
    }

    /// <summary>Reads a build.xml; a result element that is absent means the build never finished.</summary>
    public static BuildRecord Parse(XElement root, string jobFullName, int number, IReadOnlyList<string> artifacts,
        SecretCipher? cipher, Func<string, string?> fullNameOf)
    {
        var actions = root.Element("actions");
        var parameters = actions?.Element("hudson.model.ParametersAction")?.Element("parameters")?.Elements()
            .Select(e => ParameterOf(e, cipher))
            .ToList() ?? [];
        var causes = actions?.Element("hudson.model.CauseAction")?.Element("causeBag")?.Elements("entry")
            .Select(e => e.Elements().FirstOrDefault())
            .Where(e => e is not null)
            .Select(e => CauseOf(e!, fullNameOf))
            .ToList() ?? [];
        var timestamp = Long(root.Element("timestamp")) ?? Long(root.Element("startTime")) ?? 0;
        var result = BuildRecord.ParseResult(root.Element("result")?.Value);
        return new BuildRecord(jobFullName, number, Long(root.Element("queueId")) ?? 0,
            DateTimeOffset.FromUnixTimeMilliseconds(timestamp), TimeSpan.FromMilliseconds(Long(root.Element("duration")) ?? 0),
            result, result is null, causes, parameters, artifacts, root.Element("description")?.Value,
            string.Equals(root.Element("keepLog")?.Value.Trim(), "true", StringComparison.Ordinal))
        {
            DisplayName = root.Element("displayName")?.Value,
        };
    }

    private static XElement CauseElement(BuildCause cause)
    {
        var element = new XElement(XStreamName(cause.ClassName));
        switch (cause.ClassName)
        {
            case BuildCause.UserIdCauseClass:
                if (cause.UserId is not null)
                {
                    element.Add(new XElement("userId", cause.UserId));
                }

                break;
            case BuildCause.RemoteCauseClass:
                element.Add(new XElement("addr", cause.RemoteAddress ?? string.Empty));
                if (cause.Note is not null)
                {
                    element.Add(new XElement("note", cause.Note));
                }

                break;
            default:
                element.Add(new XElement("shortDescription", cause.ShortDescription));
                break;
        }

        return element;
    }

    private static BuildCause CauseOf(XElement element, Func<string, string?> fullNameOf)
    {
        var className = JavaName(element.Name.LocalName);
        switch (className)
        {
            case BuildCause.UserIdCauseClass:
                var userId = element.Element("userId")?.Value;
                return BuildCause.ByUser(userId, userId is null ? null : fullNameOf(userId) ?? userId);
            case BuildCause.RemoteCauseClass:
                return BuildCause.ByRemoteHost(element.Element("addr")?.Value ?? string.Empty, element.Element("note")?.Value);
            default:
                return new BuildCause(className, element.Element("shortDescription")?.Value ?? $"Started by {className}");
        }
    }

    private static ParameterValue ParameterOf(XElement element, SecretCipher? cipher)
    {
        var className = JavaName(element.Name.LocalName);
        var sensitive = className == "hudson.model.PasswordParameterValue";
        var stored = element.Element("value")?.Value ?? string.Empty;
        var value = sensitive ? cipher?.TryDecrypt(stored) ?? string.Empty : stored;
        return new ParameterValue(className, element.Element("name")?.Value ?? string.Empty, value, sensitive);
    }

    private static long? Long(XElement? element) =>
        long.TryParse(element?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    // XStream escapes '$' in element names as "_-" and '_' as "__".
    private static string XStreamName(string className) => className.Replace("_", "__", StringComparison.Ordinal).Replace("$", "_-", StringComparison.Ordinal);

    private static string JavaName(string elementName) => elementName.Replace("_-", "$", StringComparison.Ordinal).Replace("__", "_", StringComparison.Ordinal);
}
