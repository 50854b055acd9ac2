namespace JenkinsLite.Core.Builds;

/// <summary>
/// What the jobs side needs from the builds side: a job's builds and queue state for its JSON, and
/// notice when a job goes away or changes name. Implemented by the builds feature.
/// </summary>
public interface IBuildHistory
{
    /// <summary>Newest first.</summary>
    IReadOnlyList<BuildRecord> BuildsOf(string jobFullName);

    int NextBuildNumber(string jobFullName);

    /// <summary>The waiting queue item of this job, if any (its id).</summary>
    long? QueuedItemOf(string jobFullName);

    bool IsBuilding(string jobFullName);

    /// <summary>A job and its builds were deleted: cancel its queue items, forget its history.</summary>
    void JobDeleted(string jobFullName);

    /// <summary>A job's folder moved (rename): its history now lives under the new name.</summary>
    void JobRenamed(string oldFullName, string newFullName);
}
