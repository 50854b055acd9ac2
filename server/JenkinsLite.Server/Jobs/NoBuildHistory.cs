using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Jobs;

/// <summary>Stands in until the builds feature registers its history: no builds, nothing queued.</summary>
internal sealed class NoBuildHistory : IBuildHistory
{
    public IReadOnlyList<BuildRecord> BuildsOf(string jobFullName) => [];

    public int NextBuildNumber(string jobFullName) => 1;

    public long? QueuedItemOf(string jobFullName) => null;

    public bool IsBuilding(string jobFullName) => false;

    public void JobDeleted(string jobFullName)
    {
    }

    public void JobRenamed(string oldFullName, string newFullName)
    {
    }
}
