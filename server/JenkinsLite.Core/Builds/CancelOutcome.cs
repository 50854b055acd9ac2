namespace JenkinsLite.Core.Builds;

public enum CancelOutcome
{
    Cancelled,

    /// <summary>Already left the queue (Jenkins: 422).</summary>
    NotCancellable,
    NotFound,
}
