using System.Globalization;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// A stand-in <see cref="IJobCatalog"/> that reads a job's config.xml on each lookup, registered only when
/// the jobs feature has not registered its own registry (which then replaces it). It reads just what
/// builds need.
/// </summary>
internal sealed class ConfigJobCatalog(JenkinsHome home) : IJobCatalog
{
    public JobItem? Find(string fullName)
    {
        string path;
        try
        {
            path = JobPaths.ConfigOf(home, fullName);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var root = JenkinsXml.Load(path, home).Root!;
            return new JobItem(fullName, Read(root), false);
        }
        catch (HomeDataException)
        {
            return null;
        }
    }

    private static JobConfig Read(XElement root)
    {
        var kind = root.Name.LocalName switch
        {
            "project" => ItemKind.FreeStyle,
            "com.cloudbees.hudson.plugins.folder.Folder" => ItemKind.Folder,
            _ => ItemKind.Other,
        };
        var className = kind switch
        {
            ItemKind.FreeStyle => "hudson.model.FreeStyleProject",
            ItemKind.Other when root.Name.LocalName == "flow-definition" => "org.jenkinsci.plugins.workflow.job.WorkflowJob",
            _ => root.Name.LocalName,
        };
        var parameters = root.Element("properties")?.Element("hudson.model.ParametersDefinitionProperty")
            ?.Element("parameterDefinitions")?.Elements().Select(Parameter).ToList() ?? [];
        var rotator = root.Element("properties")?.Element("jenkins.model.BuildDiscarderProperty")?.Element("strategy")
            ?? root.Element("logRotator");
        var archiver = root.Element("publishers")?.Element("hudson.tasks.ArtifactArchiver");
        return new JobConfig(
            root.Name.LocalName,
            className,
            kind,
            root.Element("description")?.Value,
            Bool(root.Element("disabled")),
            parameters,
            root.Element("authToken")?.Value,
            Bool(root.Element("concurrentBuild")),
            Int(root.Element("quietPeriod")),
            rotator is null ? null : new BuildDiscarder(Int(rotator.Element("daysToKeep")), Int(rotator.Element("numToKeep")),
                Int(rotator.Element("artifactDaysToKeep")), Int(rotator.Element("artifactNumToKeep"))),
            root.Element("builders")?.Elements("hudson.tasks.Shell").Select(e => e.Element("command")?.Value ?? string.Empty).ToList() ?? [],
            archiver is null ? null : new ArtifactArchiver(archiver.Element("artifacts")?.Value ?? string.Empty, archiver.Element("excludes")?.Value,
                Bool(archiver.Element("allowEmptyArchive")), Bool(archiver.Element("onlyIfSuccessful"))),
            root.Element("assignedNode")?.Value);
    }

    private static ParameterDefinition Parameter(XElement element)
    {
        var className = element.Name.LocalName;
        var kind = className switch
        {
            "hudson.model.StringParameterDefinition" => ParameterKind.Text,
            "hudson.model.TextParameterDefinition" => ParameterKind.MultiLineText,
            "hudson.model.BooleanParameterDefinition" => ParameterKind.Boolean,
            "hudson.model.ChoiceParameterDefinition" => ParameterKind.Choice,
            "hudson.model.PasswordParameterDefinition" => ParameterKind.Password,
            _ => ParameterKind.Other,
        };
        var choices = element.Element("choices")?.Descendants("string").Select(s => s.Value).ToList() ?? [];
        var defaultValue = element.Element("defaultValue")?.Value ?? (kind == ParameterKind.Choice && choices.Count > 0 ? choices[0] : null);
        return new ParameterDefinition(className, kind, element.Element("name")?.Value ?? string.Empty, element.Element("description")?.Value,
            defaultValue, choices, Bool(element.Element("trim")));
    }

    private static bool Bool(XElement? element) => string.Equals(element?.Value.Trim(), "true", StringComparison.Ordinal);

    private static int? Int(XElement? element) =>
        int.TryParse(element?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
