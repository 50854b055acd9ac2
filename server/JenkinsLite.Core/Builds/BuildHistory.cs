namespace JenkinsLite.Core.Builds;

/// <summary>What the jobs side reads of builds: the records and the queue, behind <see cref="IBuildHistory"/>.</summary>
public sealed class BuildHistory(BuildRecords records, BuildQueue queue) : IBuildHistory
{
    public IReadOnlyList<BuildRecord> BuildsOf(string jobFullName) => records.Of(jobFullName);

    public int NextBuildNumber(string jobFullName) => records.NextBuildNumber(jobFullName);

    public long? QueuedItemOf(string jobFullName) => queue.PendingItemOf(jobFullName);

    public bool IsBuilding(string jobFullName) => queue.IsBuilding(jobFullName);

    public void JobDeleted(string jobFullName)
    {
        queue.JobDeleted(jobFullName);
        records.Forget(jobFullName);
    }

    public void JobRenamed(string oldFullName, string newFullName)
    {
        queue.JobRenamed(oldFullName, newFullName);
        records.Forget(oldFullName);
        records.Forget(newFullName);
    }
}
