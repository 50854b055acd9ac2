namespace JenkinsLite.Core.Jobs;

/// <summary>hudson.tasks.ArtifactArchiver: comma-separated Ant patterns relative to the workspace.</summary>
public sealed record ArtifactArchiver(string Artifacts, string? Excludes, bool AllowEmptyArchive, bool OnlyIfSuccessful);
