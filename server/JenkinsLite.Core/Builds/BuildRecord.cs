using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Builds;

/// <summary>One build of a job: what build.xml records, and what the API shows.</summary>
/// <param name="Timestamp">When it started.</param>
/// <param name="Result">Null while it runs.</param>
/// <param name="Artifacts">Paths relative to the build's archive, with '/' separators.</param>
public sealed record BuildRecord(
    string JobFullName,
    int Number,
    long QueueId,
    DateTimeOffset Timestamp,
    TimeSpan Duration,
    BuildResult? Result,
    bool Building,
    IReadOnlyList<BuildCause> Causes,
    IReadOnlyList<ParameterValue> Parameters,
    IReadOnlyList<string> Artifacts,
    string? Description,
    bool KeepLog)
{
    /// <summary>The executor it runs on (0-based), while it runs.</summary>
    public int? ExecutorNumber { get; init; }

    /// <summary>A name given by a user (Jenkins' Run.displayName); null shows the default "#N".</summary>
    public string? DisplayName { get; init; }

    /// <summary>Jenkins' Run.getDisplayName: the given name, else "#N".</summary>
    public string DisplayNameOrNumber => DisplayName ?? "#" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Jenkins' Run.getFullDisplayName: the job's full display name, a space, the build's display name.</summary>
    public string FullDisplayName => JobItem.FullDisplayNameOf(JobFullName) + " " + DisplayNameOrNumber;

    /// <summary>Jenkins' Result names: SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED.</summary>
    public static string ResultName(BuildResult result) => result switch
    {
        BuildResult.Success => "SUCCESS",
        BuildResult.Unstable => "UNSTABLE",
        BuildResult.Failure => "FAILURE",
        BuildResult.NotBuilt => "NOT_BUILT",
        _ => "ABORTED",
    };

    public static BuildResult? ParseResult(string? name) => name?.Trim() switch
    {
        "SUCCESS" => BuildResult.Success,
        "UNSTABLE" => BuildResult.Unstable,
        "FAILURE" => BuildResult.Failure,
        "NOT_BUILT" => BuildResult.NotBuilt,
        "ABORTED" => BuildResult.Aborted,
        _ => null,
    };
}
