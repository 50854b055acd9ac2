namespace JenkinsLite.Core.Builds;

/// <summary>
/// One entry of Jenkins' build queue. It waits until <see cref="BuildableAt"/> (the quiet period), then
/// for an executor; it "leaves" when a build starts (<see cref="BuildNumber"/>) or when it is cancelled.
/// </summary>
public sealed record QueueItem(
    long Id,
    string JobFullName,
    IReadOnlyList<BuildCause> Causes,
    IReadOnlyList<ParameterValue> Parameters,
    DateTimeOffset InQueueSince,
    DateTimeOffset BuildableAt)
{
    /// <summary>The build it became, once left to run.</summary>
    public int? BuildNumber { get; init; }

    public bool Cancelled { get; init; }

    /// <summary>Why it was cancelled (a user, a deleted job, a restart that could not run it); for the log.</summary>
    public string? CancelReason { get; init; }

    public DateTimeOffset? LeftAt { get; init; }

    public bool HasLeft => LeftAt is not null;

    /// <summary>Jenkins' Queue.Item.getParams: a "\nNAME=value" line per parameter, passwords masked.</summary>
    public string ParamsText => string.Concat(Parameters.Select(p => "\n" + p.ShortDescription));
}
