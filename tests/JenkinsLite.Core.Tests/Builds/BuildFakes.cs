using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Nodes;

namespace JenkinsLite.Core.Tests.Builds;

internal sealed class MemoryQueueStore : IQueueStore
{
    public QueueState State { get; private set; } = QueueState.Empty;

    public QueueState Load() => State;

    /// <summary>When set, every save fails with it, as on a full disk.</summary>
    public Exception? FailWith { get; set; }

    public void Save(QueueState state) => State = FailWith is null ? state : throw FailWith;
}

internal sealed class MemoryBuildStore : IBuildStore
{
    public Dictionary<string, List<BuildRecord>> Builds { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, int> Next { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<(string, int), string> Consoles { get; } = [];

    public StoredBuilds Load(string jobFullName) =>
        new([.. Builds.GetValueOrDefault(jobFullName) ?? []], Next.GetValueOrDefault(jobFullName, 1));

    public void SaveNextBuildNumber(string jobFullName, int nextBuildNumber) => Next[jobFullName] = nextBuildNumber;

    public void Begin(BuildRecord record, string consoleHead)
    {
        Consoles[(record.JobFullName, record.Number)] = consoleHead;
        Save(record);
    }

    /// <summary>How many of the next saves fail as on a full disk.</summary>
    public int FailingSaves { get; set; }

    public void Save(BuildRecord record)
    {
        if (FailingSaves > 0)
        {
            FailingSaves--;
            throw new IOException("No space left on device");
        }

        var list = Builds.TryGetValue(record.JobFullName, out var l) ? l : Builds[record.JobFullName] = [];
        list.RemoveAll(b => b.Number == record.Number);
        list.Add(record);
    }

    public void AppendConsole(string jobFullName, int number, string text) => Consoles[(jobFullName, number)] += text;

    public void Delete(string jobFullName, int number) => Builds[jobFullName].RemoveAll(b => b.Number == number);

    public void DeleteArtifacts(string jobFullName, int number)
    {
    }
}

internal sealed class FakeCatalog : IJobCatalog
{
    public Dictionary<string, JobItem> Jobs { get; } = new(StringComparer.OrdinalIgnoreCase);

    public JobItem? Find(string fullName) => Jobs.GetValueOrDefault(fullName);

    public void Add(string name, bool concurrent = false, IReadOnlyList<ParameterDefinition>? parameters = null, BuildDiscarder? discarder = null) =>
        Jobs[name] = new JobItem(name, new JobConfig("project", "hudson.model.FreeStyleProject", ItemKind.FreeStyle, null, false,
            parameters ?? [], null, concurrent, null, discarder, ["echo hi"], null, null), false);
}

internal sealed class MemoryNodeStore : IBuiltInNodeStore
{
    public NodeOfflineCause? Stored { get; set; }

    public int Saves { get; private set; }

    /// <summary>When set, saving throws it (a full disk).</summary>
    public Exception? FailWith { get; set; }

    public NodeOfflineCause? LoadOfflineCause() => Stored;

    public void SaveOfflineCause(NodeOfflineCause? cause)
    {
        if (FailWith is not null)
        {
            throw FailWith;
        }

        Stored = cause;
        Saves++;
    }
}
