namespace JenkinsLite.Core.Jobs;

/// <summary>The outcome of a change, Jenkins' message when it failed, and the item as it now is.</summary>
public sealed record JobChangeResult(JobChange Outcome, string? Message = null, JobItem? Item = null)
{
    public bool Succeeded => Outcome == JobChange.Done;
}
