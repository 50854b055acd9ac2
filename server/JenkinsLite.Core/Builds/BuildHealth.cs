namespace JenkinsLite.Core.Builds;

/// <summary>Jenkins' HealthReport: a score from 0 to 100 and the sentence shown with it.</summary>
public sealed record BuildHealth(int Score, string Description);
