using System.Globalization;
using System.Xml.Linq;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Jobs;

/// <summary>
/// Writes a <see cref="FreestyleSettings"/> into a freestyle project's config.xml the way Jenkins' XStream lays
/// it out. Only the elements the form edits are touched; an element that is already there is edited in place
/// (so plugins' children inside it stay) and every other node keeps its bytes.
/// </summary>
internal static class FreestyleConfigEditor
{
    private const string DiscarderProperty = "jenkins.model.BuildDiscarderProperty";
    private const string ParametersProperty = "hudson.model.ParametersDefinitionProperty";
    private const string LogRotator = "hudson.tasks.LogRotator";
    private const string Shell = "hudson.tasks.Shell";
    private const string Archiver = "hudson.tasks.ArtifactArchiver";

    // The order of AbstractProject's fields, in which XStream writes them; a missing element goes in its place.
    private static readonly string[] ProjectOrder =
    [
        "actions", "description", "keepDependencies", "properties", "scm", "quietPeriod", "scmCheckoutRetryCount",
        "assignedNode", "canRoam", "disabled", "blockBuildWhenDownstreamBuilding", "blockBuildWhenUpstreamBuilding",
        "jdk", "authToken", "triggers", "concurrentBuild", "builders", "publishers", "buildWrappers",
    ];

    private static readonly Dictionary<ParameterKind, string> ClassOfKind = new()
    {
        [ParameterKind.Text] = "hudson.model.StringParameterDefinition",
        [ParameterKind.MultiLineText] = "hudson.model.TextParameterDefinition",
        [ParameterKind.Boolean] = "hudson.model.BooleanParameterDefinition",
        [ParameterKind.Choice] = "hudson.model.ChoiceParameterDefinition",
        [ParameterKind.Password] = "hudson.model.PasswordParameterDefinition",
    };

    // ArtifactArchiver's fields in XStream's order.
    private static readonly string[] ArchiverOrder =
    [
        "artifacts", "excludes", "allowEmptyArchive", "onlyIfSuccessful", "fingerprint", "defaultExcludes", "caseSensitive", "followSymlinks",
    ];

    public static void Apply(XElement root, FreestyleSettings settings, HomeSecrets secrets)
    {
        SetChild(root, "description", settings.Description, ProjectOrder);
        SetChild(root, "disabled", settings.Disabled ? "true" : "false", ProjectOrder);
        SetChild(root, "quietPeriod", settings.QuietPeriod?.ToString(CultureInfo.InvariantCulture), ProjectOrder);
        SetChild(root, "authToken", settings.AuthToken, ProjectOrder);

        // Jenkins writes <concurrentBuild> always; a file without it and the box unticked stays as it was.
        SetChild(root, "concurrentBuild", settings.ConcurrentBuild ? "true" : root.Element("concurrentBuild") is null ? null : "false", ProjectOrder);
        var properties = Child(root, "properties", ProjectOrder);
        WriteDiscarder(root, properties, settings.Discarder);
        WriteParameters(properties, settings.Parameters, secrets);
        WriteShellSteps(Child(root, "builders", ProjectOrder), settings.ShellCommands);
        WriteArchiver(root, settings.Archiver);
    }

    private static void WriteDiscarder(XElement root, XElement properties, BuildDiscarder? discarder)
    {
        // Jenkins moved the old root <logRotator> into the property when it saves.
        if (root.Element("logRotator") is { } old)
        {
            JenkinsXml.RemoveIndented(old);
        }

        var property = properties.Element(DiscarderProperty);
        if (discarder is null)
        {
            if (property?.Element("strategy")?.Attribute("class")?.Value == LogRotator)
            {
                JenkinsXml.RemoveIndented(property);
            }

            return;
        }

        var strategy = new XElement("strategy", new XAttribute("class", LogRotator),
            new XElement("daysToKeep", Limit(discarder.DaysToKeep)),
            new XElement("numToKeep", Limit(discarder.NumToKeep)),
            new XElement("artifactDaysToKeep", Limit(discarder.ArtifactDaysToKeep)),
            new XElement("artifactNumToKeep", Limit(discarder.ArtifactNumToKeep)));
        if (property is null)
        {
            JenkinsXml.AppendIndented(properties, new XElement(DiscarderProperty, strategy));
        }
        else if (property.Element("strategy") is { } existing)
        {
            existing.ReplaceWith(JenkinsXml.Indented(strategy, JenkinsXml.DepthOf(existing)));
        }
        else
        {
            JenkinsXml.AppendIndented(property, strategy);
        }
    }

    // The form's parameters in its order, each edited in place when one of that class and name was there; the
    // kinds the form does not show follow, untouched.
    private static void WriteParameters(XElement properties, IReadOnlyList<ParameterDefinition> parameters, HomeSecrets secrets)
    {
        var property = properties.Element(ParametersProperty);
        var definitions = property?.Element("parameterDefinitions");
        var existing = definitions?.Elements().ToList() ?? [];
        var kept = existing.Where(e => !ClassOfKind.ContainsValue(e.Name.LocalName)).ToList();
        if (parameters.Count == 0 && kept.Count == 0)
        {
            if (property is not null)
            {
                JenkinsXml.RemoveIndented(property);
            }

            return;
        }

        if (definitions is null)
        {
            if (property is null)
            {
                JenkinsXml.AppendIndented(properties, new XElement(ParametersProperty));
                property = properties.Element(ParametersProperty)!;
            }

            JenkinsXml.AppendIndented(property, new XElement("parameterDefinitions"));
            definitions = property.Element("parameterDefinitions")!;
        }

        var reusable = existing.Except(kept).ToList();
        foreach (var element in existing)
        {
            JenkinsXml.RemoveIndented(element);
        }

        foreach (var parameter in parameters)
        {
            var className = ClassOfKind[parameter.Kind];
            var element = reusable.FirstOrDefault(e => e.Name.LocalName == className && e.Element("name")?.Value == parameter.Name);
            reusable.Remove(element!);
            element ??= new XElement(className);
            JenkinsXml.AppendIndented(definitions, element);
            EditParameter(element, parameter, secrets);
        }

        foreach (var element in kept)
        {
            JenkinsXml.AppendIndented(definitions, element);
        }
    }

    // String and Text ParameterDefinition: name, description, defaultValue, trim; Boolean: name, description, defaultValue;
    // Choice: name, description, choices (Arrays$ArrayList of a string-array); Password: name, description, defaultValue
    // as a hudson.util.Secret.
    private static void EditParameter(XElement element, ParameterDefinition parameter, HomeSecrets secrets)
    {
        string[] order = ["name", "description", "defaultValue", "choices", "trim"];
        SetChild(element, "name", parameter.Name, order);
        SetChild(element, "description", string.IsNullOrEmpty(parameter.Description) ? null : parameter.Description, order);
        switch (parameter.Kind)
        {
            case ParameterKind.Choice:
                if (element.Element("choices") is { } old)
                {
                    JenkinsXml.RemoveIndented(old);
                }

                Insert(element, new XElement("choices", new XAttribute("class", "java.util.Arrays$ArrayList"),
                    new XElement("a", new XAttribute("class", "string-array"), parameter.Choices.Select(c => new XElement("string", c)))), order);
                break;
            case ParameterKind.Boolean:
                SetChild(element, "defaultValue", parameter.DefaultValue == "true" ? "true" : "false", order);
                break;
            case ParameterKind.Password:
                // An unchanged default keeps its bytes: encrypting again would change them (a new IV) on every save.
                var plain = parameter.DefaultValue ?? string.Empty;
                if (element.Element("defaultValue")?.Value is not { } stored || secrets.Reveal(stored) != plain)
                {
                    SetChild(element, "defaultValue", secrets.Seal(plain), order);
                }

                break;
            default:
                SetChild(element, "defaultValue", parameter.DefaultValue ?? string.Empty, order);
                SetChild(element, "trim", parameter.Trim ? "true" : "false", order);
                break;
        }
    }

    // The n-th shell step edits the n-th <hudson.tasks.Shell>; new ones follow the last, surplus ones go. Other builders stay.
    private static void WriteShellSteps(XElement builders, IReadOnlyList<string> commands)
    {
        var shells = builders.Elements(Shell).ToList();
        for (var i = 0; i < Math.Max(shells.Count, commands.Count); i++)
        {
            if (i >= commands.Count)
            {
                JenkinsXml.RemoveIndented(shells[i]);
            }
            else if (i < shells.Count)
            {
                SetChild(shells[i], "command", commands[i], ["command", "configuredLocalRules"]);
            }
            else
            {
                var step = new XElement(Shell, new XElement("command", commands[i]), new XElement("configuredLocalRules"));
                var last = builders.Elements(Shell).LastOrDefault();
                if (last is null)
                {
                    JenkinsXml.AppendIndented(builders, step);
                }
                else
                {
                    last.AddAfterSelf(Indent(JenkinsXml.DepthOf(last)), JenkinsXml.Indented(step, JenkinsXml.DepthOf(last)));
                }
            }
        }
    }

    // "Archive the artifacts": the job's ArtifactArchiver edited in place (its other fields stay), or a new one first
    // among the publishers (Jenkins lists recorders before notifiers), or removed.
    private static void WriteArchiver(XElement root, ArtifactArchiver? archiver)
    {
        var existing = root.Element("publishers")?.Element(Archiver);
        if (archiver is null)
        {
            if (existing is not null)
            {
                JenkinsXml.RemoveIndented(existing);
            }

            return;
        }

        if (existing is null)
        {
            var publishers = Child(root, "publishers", ProjectOrder);
            existing = new XElement(Archiver,
                new XElement("artifacts"), new XElement("allowEmptyArchive"),
                new XElement("onlyIfSuccessful", "false"), new XElement("fingerprint", "false"),
                new XElement("defaultExcludes", "true"), new XElement("caseSensitive", "true"), new XElement("followSymlinks", "false"));
            if (publishers.Elements().FirstOrDefault() is { } first)
            {
                var depth = JenkinsXml.DepthOf(first);
                first.AddBeforeSelf(JenkinsXml.Indented(existing, depth), Indent(depth));
            }
            else
            {
                JenkinsXml.AppendIndented(publishers, existing);
            }
        }

        SetChild(existing, "artifacts", archiver.Artifacts.Trim(), ArchiverOrder);
        SetChild(existing, "allowEmptyArchive", archiver.AllowEmptyArchive ? "true" : "false", ArchiverOrder);
    }

    /// <summary>Sets a child's text (adding it in its place when missing); null removes it.</summary>
    private static void SetChild(XElement parent, string name, string? value, string[] order)
    {
        var existing = parent.Element(name);
        if (value is null)
        {
            if (existing is not null)
            {
                JenkinsXml.RemoveIndented(existing);
            }
        }
        else if (existing is null)
        {
            Insert(parent, new XElement(name, value), order);
        }
        else if (existing.HasElements || existing.Value != value)
        {
            existing.Value = value;
        }
    }

    // An existing child, or a new empty one in its place.
    private static XElement Child(XElement parent, string name, string[] order)
    {
        if (parent.Element(name) is { } existing)
        {
            return existing;
        }

        var created = new XElement(name);
        Insert(parent, created, order);
        return created;
    }

    // Before the first sibling that comes after it in XStream's order, else last.
    private static void Insert(XElement parent, XElement child, string[] order)
    {
        var position = Array.IndexOf(order, child.Name.LocalName);
        var follower = position < 0 ? null : parent.Elements().FirstOrDefault(e => Array.IndexOf(order, e.Name.LocalName) > position);
        if (follower is null)
        {
            JenkinsXml.AppendIndented(parent, child);
            return;
        }

        var depth = JenkinsXml.DepthOf(follower);
        follower.AddBeforeSelf(JenkinsXml.Indented(child, depth), Indent(depth));
    }

    // The element and the line break and indentation before it.
    private static XText Indent(int depth) => new("\n" + new string(' ', 2 * depth));

    private static string Limit(int? value) => (value ?? -1).ToString(CultureInfo.InvariantCulture);
}
