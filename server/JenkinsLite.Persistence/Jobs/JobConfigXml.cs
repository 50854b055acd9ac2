using System.Globalization;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Jobs;

/// <summary>
/// Reads the fields JenkinsLite understands from an item's config.xml (XStream's layout), through the safe
/// parser: XML 1.1 is fine, a DTD or external entity is refused. Everything else in the file is left alone.
/// A password parameter's default is held in the file as Jenkins' <c>hudson.util.Secret</c> text of the home's keys.
/// </summary>
public sealed class JobConfigXml(HomeSecrets secrets) : IJobConfigFormat
{
    public const string FolderClass = "com.cloudbees.hudson.plugins.folder.Folder";

    private static readonly Dictionary<string, string> ClassOfRoot = new(StringComparer.Ordinal)
    {
        ["project"] = "hudson.model.FreeStyleProject",
        ["flow-definition"] = "org.jenkinsci.plugins.workflow.job.WorkflowJob",
        ["maven2-moduleset"] = "hudson.maven.MavenModuleSet",
        ["matrix-project"] = "hudson.matrix.MatrixProject",
    };

    public JobConfig? Parse(byte[] configXml, out string? problem)
    {
        XDocument document;
        try
        {
            document = JenkinsXml.Parse(configXml, "config.xml");
        }
        catch (HomeDataException e)
        {
            problem = e.Message;
            return null;
        }

        problem = null;
        return Read(document.Root!);
    }

    public byte[] WithDisabled(byte[] configXml, bool disabled) =>
        WithRootElement(configXml, "disabled", disabled ? "true" : "false");

    public byte[] WithDescription(byte[] configXml, string description) =>
        WithRootElement(configXml, "description", description);

    public byte[] WithSettings(byte[] configXml, FreestyleSettings settings)
    {
        var document = JenkinsXml.Parse(configXml, "config.xml");
        FreestyleConfigEditor.Apply(document.Root!, settings, secrets);
        return JenkinsXml.Serialize(document);
    }

    /// <summary>The fields of a parsed document's root.</summary>
    private JobConfig Read(XElement root)
    {
        var rootName = root.Name.LocalName;
        var className = ClassOfRoot.GetValueOrDefault(rootName, rootName);
        var kind = rootName switch
        {
            "project" => ItemKind.FreeStyle,
            FolderClass => ItemKind.Folder,
            _ => ItemKind.Other,
        };
        var properties = root.Element("properties");
        return new JobConfig(
            rootName,
            className,
            kind,
            root.Element("description")?.Value,
            Bool(root.Element("disabled")),
            [.. Parameters(properties)],
            NullIfEmpty(root.Element("authToken")?.Value),
            Bool(root.Element("concurrentBuild")),
            Int(root.Element("quietPeriod")),
            Discarder(root.Element("logRotator")
                ?? properties?.Element("jenkins.model.BuildDiscarderProperty")?.Element("strategy")),
            [.. (root.Element("builders")?.Elements("hudson.tasks.Shell") ?? []).Select(s => s.Element("command")?.Value ?? string.Empty)],
            Archiver(root.Element("publishers")?.Element("hudson.tasks.ArtifactArchiver")),
            NullIfEmpty(root.Element("assignedNode")?.Value));
    }

    private IEnumerable<ParameterDefinition> Parameters(XElement? properties)
    {
        var definitions = properties?.Element("hudson.model.ParametersDefinitionProperty")?.Element("parameterDefinitions");
        foreach (var definition in definitions?.Elements() ?? [])
        {
            var name = definition.Element("name")?.Value;
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var className = definition.Name.LocalName;
            var kind = className switch
            {
                "hudson.model.StringParameterDefinition" => ParameterKind.Text,
                "hudson.model.TextParameterDefinition" => ParameterKind.MultiLineText,
                "hudson.model.BooleanParameterDefinition" => ParameterKind.Boolean,
                "hudson.model.ChoiceParameterDefinition" => ParameterKind.Choice,
                "hudson.model.PasswordParameterDefinition" => ParameterKind.Password,
                _ => ParameterKind.Other,
            };
            var choices = kind == ParameterKind.Choice ? Choices(definition.Element("choices")) : [];
            var defaultValue = kind switch
            {
                ParameterKind.Boolean => Bool(definition.Element("defaultValue")) ? "true" : "false",
                ParameterKind.Choice => choices.FirstOrDefault(),
                ParameterKind.Password => definition.Element("defaultValue")?.Value is { } stored ? secrets.Reveal(stored) : null,
                _ => definition.Element("defaultValue")?.Value,
            };
            yield return new ParameterDefinition(className, kind, name, NullIfEmpty(definition.Element("description")?.Value),
                defaultValue, choices, Bool(definition.Element("trim")));
        }
    }

    // Both <choices class="java.util.Arrays$ArrayList"><a class="string-array"><string>… and <choices><string>…;
    // very old files keep one choice per line of text.
    private static List<string> Choices(XElement? choices)
    {
        if (choices is null)
        {
            return [];
        }

        var strings = choices.Descendants("string").Select(s => s.Value).ToList();
        return strings.Count > 0 || choices.HasElements
            ? strings
            : [.. choices.Value.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
    }

    private static BuildDiscarder? Discarder(XElement? element)
    {
        if (element is null || (element.Attribute("class")?.Value is { } cls && cls != "hudson.tasks.LogRotator"))
        {
            return null;
        }

        return new BuildDiscarder(Limit(element.Element("daysToKeep")), Limit(element.Element("numToKeep")),
            Limit(element.Element("artifactDaysToKeep")), Limit(element.Element("artifactNumToKeep")));
    }

    private static ArtifactArchiver? Archiver(XElement? element) =>
        element is null
            ? null
            : new ArtifactArchiver(element.Element("artifacts")?.Value ?? string.Empty, NullIfEmpty(element.Element("excludes")?.Value),
                Bool(element.Element("allowEmptyArchive")), Bool(element.Element("onlyIfSuccessful")));

    private static byte[] WithRootElement(byte[] configXml, string name, string value)
    {
        var document = JenkinsXml.Parse(configXml, "config.xml");
        var root = document.Root!;
        if (root.Element(name) is { } existing)
        {
            existing.Value = value;
        }
        else
        {
            JenkinsXml.AppendIndented(root, new XElement(name, value));
        }

        return JenkinsXml.Serialize(document);
    }

    private static bool Bool(XElement? element) =>
        bool.TryParse(element?.Value.Trim(), out var value) && value;

    private static int? Int(XElement? element) =>
        int.TryParse(element?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    // LogRotator writes -1 (or nothing) for "no limit".
    private static int? Limit(XElement? element) => Int(element) is { } n && n >= 0 ? n : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
