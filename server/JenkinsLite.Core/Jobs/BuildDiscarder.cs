namespace JenkinsLite.Core.Jobs;

/// <summary>hudson.tasks.LogRotator: -1 or null means "no limit", as in Jenkins.</summary>
public sealed record BuildDiscarder(int? DaysToKeep, int? NumToKeep, int? ArtifactDaysToKeep, int? ArtifactNumToKeep);
