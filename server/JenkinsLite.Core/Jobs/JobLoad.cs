namespace JenkinsLite.Core.Jobs;

/// <summary>What loading <c>jobs/</c> found: the items that read, and a sentence for each that did not.</summary>
public sealed record JobLoad(IReadOnlyList<LoadedJob> Items, IReadOnlyList<string> Problems);

/// <summary>One item read from disk.</summary>
public sealed record LoadedJob(string FullName, JobConfig Config);
