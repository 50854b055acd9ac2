namespace JenkinsLite.Core.Builds;

/// <summary>hudson.model.Result, in Jenkins' order (the CLI's exit codes are these ordinals).</summary>
public enum BuildResult
{
    Success = 0,
    Unstable = 1,
    Failure = 2,
    NotBuilt = 3,
    Aborted = 4,
}
