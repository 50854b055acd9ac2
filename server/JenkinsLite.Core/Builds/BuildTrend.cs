namespace JenkinsLite.Core.Builds;

/// <summary>What Jenkins derives from a job's recent builds: its build stability and how long a build takes.</summary>
public static class BuildTrend
{
    /// <summary>
    /// Jenkins' build stability report (Job.getBuildStabilityHealthReport) over a job's builds, newest first:
    /// the share of the last five conclusive builds (success, unstable, failure) that did not fail. Null
    /// when nothing can be said, as before the first build or after aborted builds only.
    /// </summary>
    public static BuildHealth? Stability(IReadOnlyList<BuildRecord> newestFirst)
    {
        const int Window = 5;

        // Jenkins reports on the last build, or the one before while the last still runs.
        if (newestFirst.Count == 0 || (newestFirst.Count == 1 && newestFirst[0].Building))
        {
            return null;
        }

        var lastFailed = newestFirst.FirstOrDefault(b => !b.Building && b.Result == BuildResult.Failure);
        if (lastFailed is null)
        {
            return Report(100, "No recent builds failed.");
        }

        // Jenkins counts every build kept after the last failure without looking at its result (aborted ones
        // too), then goes on from the failure by result.
        var total = Math.Min(Window, newestFirst.Count(b => b.Number > lastFailed.Number));
        var failed = 0;
        if (total < Window)
        {
            foreach (var build in newestFirst.Where(b => b.Number <= lastFailed.Number))
            {
                if (total == Window)
                {
                    break;
                }

                if (build.Building)
                {
                    continue;
                }

                switch (build.Result)
                {
                    case BuildResult.Success or BuildResult.Unstable:
                        total++;
                        break;
                    case BuildResult.Failure:
                        failed++;
                        total++;
                        break;
                }
            }
        }

        if (total == 0)
        {
            return null;
        }

        var score = (int)(100.0 * (total - failed) / total);
        return Report(score, failed == 0 ? "No recent builds failed."
            : failed == total ? "All recent builds failed."
            : $"{failed} out of the last {total} builds failed.");
    }

    /// <summary>
    /// Jenkins' Job.getEstimatedDuration over a job's builds, newest first: the mean duration of the last
    /// successful build and the other successful or unstable ones among the last six, up to three, topped up
    /// with failed ones; null (Jenkins' -1) when there is none or they all took no time.
    /// </summary>
    public static TimeSpan? EstimatedDuration(IReadOnlyList<BuildRecord> newestFirst)
    {
        const int Wanted = 3;
        var completed = newestFirst.Where(b => !b.Building && b.Result is not null);
        var lastSuccessful = completed.FirstOrDefault(b => b.Result is BuildResult.Success or BuildResult.Unstable);
        var candidates = new List<BuildRecord>(Wanted);
        if (lastSuccessful is not null)
        {
            candidates.Add(lastSuccessful);
        }

        var fallback = new List<BuildRecord>();
        foreach (var build in newestFirst.Take(6))
        {
            if (candidates.Count >= Wanted)
            {
                break;
            }

            if (build.Building || build.Result is null || build.Number == lastSuccessful?.Number)
            {
                continue;
            }

            if (build.Result is BuildResult.Success or BuildResult.Unstable)
            {
                candidates.Add(build);
            }
            else if (build.Result == BuildResult.Failure)
            {
                fallback.Add(build);
            }
        }

        candidates.AddRange(fallback.Take(Wanted - candidates.Count));
        var total = candidates.Sum(b => (long)b.Duration.TotalMilliseconds);
        return candidates.Count == 0 || total == 0 ? null : TimeSpan.FromMilliseconds(Math.Round((double)total / candidates.Count, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// Jenkins' Executor.getProgress: how far a running build is, in percent of the estimated duration, held at
    /// 99 once the estimate is passed; null when there is no estimate.
    /// </summary>
    public static int? Progress(TimeSpan elapsed, TimeSpan? estimate) =>
        estimate is not { } e || e <= TimeSpan.Zero ? null : (int)Math.Clamp(elapsed.Ticks * 100 / e.Ticks, 0, 99);

    private static BuildHealth Report(int score, string description) => new(score, "Build stability: " + description);
}
