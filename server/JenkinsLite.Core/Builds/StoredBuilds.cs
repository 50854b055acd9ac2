namespace JenkinsLite.Core.Builds;

/// <summary>A job's builds as found on disk (newest first) and its nextBuildNumber.</summary>
public sealed record StoredBuilds(IReadOnlyList<BuildRecord> Records, int NextBuildNumber)
{
    public static StoredBuilds None { get; } = new([], 1);
}
