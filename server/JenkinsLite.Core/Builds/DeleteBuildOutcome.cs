namespace JenkinsLite.Core.Builds;

public enum DeleteBuildOutcome
{
    Deleted,

    /// <summary>Jenkins refuses to delete a build in progress.</summary>
    Building,
    NotFound,
}
