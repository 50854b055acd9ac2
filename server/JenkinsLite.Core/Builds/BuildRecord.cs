namespace JenkinsLite.Core.Builds;

/// <summary>One build of a job: what build.xml records, and what the API shows.</summary>
/// <param name="Timestamp">When it started.</param>
/// <param name="Result">Null while it runs.</param>
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
    bool KeepLog);
