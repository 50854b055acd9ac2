namespace JenkinsLite.Core.Jobs;

/// <summary>
/// The fields JenkinsLite reads from an item's config.xml. The file itself is kept byte for byte;
/// this is only what we understand of it.
/// </summary>
/// <param name="RootElement">The root element name, e.g. <c>project</c> or <c>flow-definition</c>.</param>
/// <param name="ClassName">Jenkins' <c>_class</c> for it, e.g. <c>hudson.model.FreeStyleProject</c>.</param>
/// <param name="AuthToken">The remote trigger token ("Trigger builds remotely"), or null.</param>
/// <param name="QuietPeriod">Seconds; null means the global quiet period.</param>
/// <param name="ShellCommands">The commands of the <c>hudson.tasks.Shell</c> builders, in order.</param>
public sealed record JobConfig(
    string RootElement,
    string ClassName,
    ItemKind Kind,
    string? Description,
    bool Disabled,
    IReadOnlyList<ParameterDefinition> Parameters,
    string? AuthToken,
    bool ConcurrentBuild,
    int? QuietPeriod,
    BuildDiscarder? Discarder,
    IReadOnlyList<string> ShellCommands,
    ArtifactArchiver? Archiver,
    string? AssignedLabel)
{
    public bool IsParameterized => Parameters.Count > 0;

    public bool IsBuildable => Kind == ItemKind.FreeStyle || Kind == ItemKind.Other;
}
