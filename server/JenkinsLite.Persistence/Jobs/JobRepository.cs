using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Home;

namespace JenkinsLite.Persistence.Jobs;

/// <summary>
/// The only code that touches <c>jobs/</c>. A config.xml is kept byte for byte and replaced atomically.
/// A new item is assembled in a scratch folder and renamed into place, so no half-created item is ever
/// seen; a deleted one is renamed away first and then removed.
/// </summary>
public sealed class JobRepository(JenkinsHome home, IJobConfigFormat format) : IJobRepository
{
    /// <summary>Scratch space beside jobs/ (same file system, so moves are renames); never an item.</summary>
    public const string ScratchFolder = ".jenkinslite-jobs-tmp";

    private string Scratch => home.Resolve(ScratchFolder);

    public JobLoad LoadAll()
    {
        ClearScratch();
        var items = new List<LoadedJob>();
        var problems = new List<string>();
        LoadUnder(home.Resolve("jobs"), string.Empty, items, problems);
        return new JobLoad(items, problems);
    }

    public byte[]? ReadConfig(string fullName)
    {
        var path = JobPaths.ConfigOf(home, fullName);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public bool Create(string fullName, byte[] configXml, IReadOnlyList<(string RelativeName, byte[] ConfigXml)> descendants)
    {
        var target = JobPaths.FolderOf(home, fullName);
        if (Directory.Exists(target))
        {
            return false;
        }

        var temp = Path.Combine(Scratch, Guid.NewGuid().ToString("N"));
        try
        {
            WriteFlushed(Path.Combine(temp, "config.xml"), configXml);
            foreach (var (relative, xml) in descendants)
            {
                var folder = Path.Combine([temp, .. relative.Split('/').SelectMany(s => ItemName.IsValid(s)
                    ? new[] { "jobs", s }
                    : throw new ArgumentException($"'{relative}' is not a valid item name.", nameof(descendants)))]);
                WriteFlushed(Path.Combine(folder, "config.xml"), xml);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                Directory.Move(temp, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                return false; // created meanwhile by someone else (another process on the same home)
            }

            return true;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    public void WriteConfig(string fullName, byte[] configXml) =>
        AtomicFile.Write(JobPaths.ConfigOf(home, fullName), configXml);

    public void Delete(string fullName)
    {
        var folder = JobPaths.FolderOf(home, fullName);
        if (!Directory.Exists(folder))
        {
            return;
        }

        Directory.CreateDirectory(Scratch);
        var away = Path.Combine(Scratch, Guid.NewGuid().ToString("N"));
        Directory.Move(folder, away);
        Directory.Delete(away, recursive: true);
    }

    public void Rename(string fullName, string newFullName)
    {
        var from = JobPaths.FolderOf(home, fullName);
        var to = JobPaths.FolderOf(home, newFullName);
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase) && !string.Equals(from, to, StringComparison.Ordinal))
        {
            // A change of case only: go through a scratch name, for file systems that ignore case.
            Directory.CreateDirectory(Scratch);
            var between = Path.Combine(Scratch, Guid.NewGuid().ToString("N"));
            Directory.Move(from, between);
            Directory.Move(between, to);
            return;
        }

        Directory.Move(from, to);
    }

    private void LoadUnder(string jobsFolder, string parent, List<LoadedJob> items, List<string> problems)
    {
        if (!Directory.Exists(jobsFolder))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(jobsFolder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var config = Path.Combine(folder, "config.xml");
            if (!ItemName.IsValid(name) || !File.Exists(config))
            {
                continue; // Jenkins skips folders without a config.xml too
            }

            var fullName = parent.Length == 0 ? name : parent + "/" + name;
            var parsed = format.Parse(File.ReadAllBytes(config), out var problem);
            if (parsed is null)
            {
                problems.Add($"{home.RelativePath(config)}: {problem}");
                continue;
            }

            items.Add(new LoadedJob(fullName, parsed));
            if (parsed.Kind == ItemKind.Folder)
            {
                LoadUnder(Path.Combine(folder, "jobs"), fullName, items, problems);
            }
        }
    }

    private void ClearScratch()
    {
        if (Directory.Exists(Scratch))
        {
            Directory.Delete(Scratch, recursive: true);
        }
    }

    private static void WriteFlushed(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        WriteFaults.Check(path);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
