using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Builds;

/// <summary>
/// What the jobs side reads of builds: the records and the queue, behind <see cref="IBuildHistory"/>; and
/// what they do when a job goes away or changes name. A folder has no builds: only its jobs matter.
/// </summary>
public sealed class BuildHistory(BuildRecords records, BuildQueue queue) : IBuildHistory, IItemListener
{
    public IReadOnlyList<BuildRecord> BuildsOf(string jobFullName) => records.Of(jobFullName);

    public int NextBuildNumber(string jobFullName) => records.NextBuildNumber(jobFullName);

    public long? QueuedItemOf(string jobFullName) => queue.PendingItemOf(jobFullName);

    public bool IsBuilding(string jobFullName) => queue.IsBuilding(jobFullName);

    public IBuildHold HoldBuilds(IReadOnlyCollection<string> jobFullNames) => queue.Hold(jobFullNames);

    /// <summary>A job and its builds were deleted: cancel its queue items, forget its history.</summary>
    public void OnDeleted(JobItem item)
    {
        if (item.Config.Kind == ItemKind.Folder)
        {
            return;
        }

        queue.JobDeleted(item.FullName);
        records.Forget(item.FullName);
    }

    /// <summary>A job's folder moved (rename): its history now lives under the new name.</summary>
    public void OnLocationChanged(JobItem item, string oldFullName, string newFullName)
    {
        if (item.Config.Kind == ItemKind.Folder)
        {
            return;
        }

        queue.JobRenamed(oldFullName, newFullName);
        records.Forget(oldFullName);
        records.Forget(newFullName);
    }
}
