using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Builds;

/// <summary>
/// Jenkins' LogRotator: which builds (and which builds' artifacts) to delete after a build. Builds
/// marked keep-forever, still running, or the last successful or stable build are always kept.
/// </summary>
public static class BuildDiscarding
{
    /// <param name="newestFirst">The job's builds, newest first.</param>
    public static (IReadOnlyList<int> Builds, IReadOnlyList<int> Artifacts) Select(
        IReadOnlyList<BuildRecord> newestFirst, BuildDiscarder discarder, DateTimeOffset now)
    {
        var lastSuccessful = newestFirst.FirstOrDefault(b => b.Result is BuildResult.Success or BuildResult.Unstable)?.Number;
        var lastStable = newestFirst.FirstOrDefault(b => b.Result == BuildResult.Success)?.Number;
        bool Kept(BuildRecord b) => b.KeepLog || b.Building || b.Number == lastSuccessful || b.Number == lastStable;

        var builds = Beyond(newestFirst, discarder.NumToKeep, discarder.DaysToKeep, now).Where(b => !Kept(b)).Select(b => b.Number).ToList();
        var artifacts = Beyond(newestFirst, discarder.ArtifactNumToKeep, discarder.ArtifactDaysToKeep, now)
            .Where(b => !Kept(b) && b.Artifacts.Count > 0 && !builds.Contains(b.Number))
            .Select(b => b.Number)
            .ToList();
        return (builds, artifacts);
    }

    private static IEnumerable<BuildRecord> Beyond(IReadOnlyList<BuildRecord> newestFirst, int? count, int? days, DateTimeOffset now)
    {
        var selected = new HashSet<BuildRecord>();
        if (count is > -1)
        {
            selected.UnionWith(newestFirst.Skip(count.Value));
        }

        if (days is > -1)
        {
            var cutoff = now - TimeSpan.FromDays(days.Value);
            selected.UnionWith(newestFirst.Where(b => b.Timestamp < cutoff));
        }

        return newestFirst.Where(selected.Contains);
    }
}
