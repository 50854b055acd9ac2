namespace JenkinsLite.Core.Builds;

public enum StopOutcome
{
    Stopping,
    NotRunning,
    NotFound,
}
