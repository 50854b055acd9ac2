namespace JenkinsLite.Core.Builds;

/// <summary>
/// What the jobs side needs from the builds side: a job's builds and queue state for its JSON. Implemented
/// by the builds feature, which hears of deleted and renamed jobs as an <see cref="Jobs.IItemListener"/>.
/// </summary>
public interface IBuildHistory
{
    /// <summary>Newest first.</summary>
    IReadOnlyList<BuildRecord> BuildsOf(string jobFullName);

    int NextBuildNumber(string jobFullName);

    /// <summary>The waiting queue item of this job, if any (its id).</summary>
    long? QueuedItemOf(string jobFullName);

    bool IsBuilding(string jobFullName);

    /// <summary>Holds these jobs' builds while their folders change (see <see cref="IBuildHold"/>).</summary>
    IBuildHold HoldBuilds(IReadOnlyCollection<string> jobFullNames);
}
