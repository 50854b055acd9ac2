using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Tests.Jobs;

/// <summary>
/// In-memory stand-ins for the registry's collaborators. The fake "XML" is one line: the root name,
/// then " disabled" when disabled ("broken" does not parse); the repository compares names with case,
/// as a Linux file system does.
/// </summary>
internal sealed class FakeJobs
{
    public FakeJobs() => Registry = new JobRegistry(Repository, new FakeFormat(), () => History, () => [History]);

    public FakeRepository Repository { get; } = new();

    public FakeHistory History { get; } = new();

    public JobRegistry Registry { get; }

    public static byte[] Xml(string text) => Encoding.UTF8.GetBytes(text);

    internal sealed class FakeFormat : IJobConfigFormat
    {
        public JobConfig? Parse(byte[] configXml, out string? problem)
        {
            var text = Encoding.UTF8.GetString(configXml);
            var root = text.Split(' ')[0];
            if (root is "broken" or "")
            {
                problem = "does not parse";
                return null;
            }

            problem = null;
            var kind = root switch { "project" => ItemKind.FreeStyle, "folder" => ItemKind.Folder, _ => ItemKind.Other };
            return new JobConfig(root, root == "folder" ? "com.cloudbees.hudson.plugins.folder.Folder" : "class." + root, kind,
                null, text.Contains(" disabled", StringComparison.Ordinal), [], null, false, null, null, [], null, null);
        }

        public byte[] WithDisabled(byte[] configXml, bool disabled)
        {
            var root = Encoding.UTF8.GetString(configXml).Split(' ')[0];
            return Xml(disabled ? root + " disabled" : root);
        }

        public byte[] WithDescription(byte[] configXml, string description) => configXml;

        public byte[] WithSettings(byte[] configXml, FreestyleSettings settings) => WithDisabled(configXml, settings.Disabled);
    }

    internal sealed class FakeRepository : IJobRepository
    {
        public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

        public JobLoad LoadAll() => new([.. Files.OrderBy(f => f.Key.Length).Select(f => new LoadedJob(f.Key, new FakeFormat().Parse(f.Value, out _)!))], []);

        public byte[]? ReadConfig(string fullName) => Files.GetValueOrDefault(fullName);

        public bool Create(string fullName, byte[] configXml, IReadOnlyList<(string RelativeName, byte[] ConfigXml)> descendants)
        {
            if (Files.ContainsKey(fullName))
            {
                return false;
            }

            Files[fullName] = configXml;
            foreach (var (relative, xml) in descendants)
            {
                Files[fullName + "/" + relative] = xml;
            }

            return true;
        }

        public void WriteConfig(string fullName, byte[] configXml) => Files[fullName] = configXml;

        public void Delete(string fullName)
        {
            foreach (var key in Files.Keys.Where(k => k == fullName || k.StartsWith(fullName + "/", StringComparison.Ordinal)).ToList())
            {
                Files.Remove(key);
            }
        }

        public void Rename(string fullName, string newFullName)
        {
            foreach (var key in Files.Keys.Where(k => k == fullName || k.StartsWith(fullName + "/", StringComparison.Ordinal)).ToList())
            {
                var value = Files[key];
                Files.Remove(key);
                Files[newFullName + key[fullName.Length..]] = value;
            }
        }
    }

    /// <summary>The builds side, which also hears every item event the registry sends.</summary>
    internal sealed class FakeHistory : IBuildHistory, IItemListener
    {
        public HashSet<string> Building { get; } = new(StringComparer.Ordinal);

        public List<string> Deleted { get; } = [];

        public List<(string Old, string New)> Renamed { get; } = [];

        public IReadOnlyList<BuildRecord> BuildsOf(string jobFullName) => [];

        public int NextBuildNumber(string jobFullName) => 1;

        public long? QueuedItemOf(string jobFullName) => null;

        /// <summary>Running builds that ignore an abort (a step that will not die).</summary>
        public HashSet<string> Unstoppable { get; } = new(StringComparer.Ordinal);

        public bool IsBuilding(string jobFullName) => Building.Contains(jobFullName);

        /// <summary>The jobs whose builds were held while each change of folders ran.</summary>
        public List<string> HeldWhileChanging { get; } = [];

        public IBuildHold HoldBuilds(IReadOnlyCollection<string> jobFullNames) => new Hold(this, jobFullNames);

        private sealed class Hold(FakeHistory history, IReadOnlyCollection<string> jobs) : IBuildHold
        {
            public bool StopRunning(TimeSpan timeout)
            {
                history.Building.RemoveWhere(j => jobs.Contains(j) && !history.Unstoppable.Contains(j));
                return !jobs.Any(history.Building.Contains);
            }

            public bool RunIfIdle(Action change)
            {
                if (jobs.Any(history.Building.Contains))
                {
                    return false;
                }

                history.HeldWhileChanging.AddRange(jobs);
                change();
                return true;
            }

            public void Dispose()
            {
            }
        }

        public void OnDeleted(JobItem item) => Deleted.Add(item.FullName);

        public void OnLocationChanged(JobItem item, string oldFullName, string newFullName) => Renamed.Add((oldFullName, newFullName));
    }
}
