using System.Globalization;
using System.Text;
using JenkinsLite.Core;
using JenkinsLite.Core.Builds;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Builds;

/// <summary>
/// Builds in Jenkins' layout: <c>&lt;job&gt;/nextBuildNumber</c>, <c>&lt;job&gt;/builds/&lt;n&gt;/build.xml</c>,
/// <c>log</c> and <c>archive/</c>. Every file but the streamed log is written atomically.
/// </summary>
/// <param name="fullNameOf">A user's full name by id, for "Started by user …" of stored builds.</param>
public sealed class JenkinsBuildStore(BuildFiles files, HomeSecrets secrets, Func<string, string?> fullNameOf) : IBuildStore
{
    private readonly JenkinsHome _home = files.Home;

    public StoredBuilds Load(string jobFullName)
    {
        string folder;
        try
        {
            folder = JobPaths.FolderOf(_home, jobFullName);
        }
        catch (ArgumentException)
        {
            return StoredBuilds.None;
        }

        var records = new List<BuildRecord>();
        var builds = Path.Combine(folder, "builds");
        if (Directory.Exists(builds))
        {
            foreach (var buildFolder in Directory.EnumerateDirectories(builds))
            {
                if (!int.TryParse(Path.GetFileName(buildFolder), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    || !File.Exists(Path.Combine(buildFolder, "build.xml")))
                {
                    continue; // Jenkins' permalink links and other entries
                }

                try
                {
                    var root = JenkinsXml.Load(Path.Combine(buildFolder, "build.xml"), _home).Root!;
                    records.Add(BuildXml.Parse(root, jobFullName, number, BuildFiles.ListFiles(Path.Combine(buildFolder, "archive")),
                        secrets.ExistingCipher(), fullNameOf));
                }
                catch (HomeDataException)
                {
                    // Jenkins skips a build whose build.xml does not load; so do we.
                }
            }
        }

        records.Sort((a, b) => b.Number.CompareTo(a.Number));
        var next = ReadNextBuildNumber(Path.Combine(folder, "nextBuildNumber"));
        return new StoredBuilds(records, next);
    }

    public void SaveNextBuildNumber(string jobFullName, int nextBuildNumber) =>
        AtomicFile.Write(Path.Combine(JobPaths.FolderOf(_home, jobFullName), "nextBuildNumber"),
            Encoding.ASCII.GetBytes(nextBuildNumber.ToString(CultureInfo.InvariantCulture) + "\n"));

    public void Begin(BuildRecord record, string consoleHead)
    {
        var folder = files.FolderOf(record.JobFullName, record.Number);
        Directory.CreateDirectory(folder);

        // Jenkins migrates build folders when legacyIds is missing; an empty one says there is nothing to migrate.
        var legacyIds = Path.Combine(Path.GetDirectoryName(folder)!, "legacyIds");
        if (!File.Exists(legacyIds))
        {
            AtomicFile.Write(legacyIds, []);
        }

        WriteFaults.Check(files.LogOf(record.JobFullName, record.Number));
        File.WriteAllText(files.LogOf(record.JobFullName, record.Number), consoleHead, new UTF8Encoding(false));
        Save(record);
    }

    public void Save(BuildRecord record) =>
        AtomicFile.Write(Path.Combine(files.FolderOf(record.JobFullName, record.Number), "build.xml"),
            BuildXml.Serialize(record, files.WorkspaceOf(record.JobFullName), secrets.CipherCreatingKeys()));

    public void AppendConsole(string jobFullName, int number, string text)
    {
        WriteFaults.Check(files.LogOf(jobFullName, number));
        File.AppendAllText(files.LogOf(jobFullName, number), text, new UTF8Encoding(false));
    }

    public void Delete(string jobFullName, int number)
    {
        var folder = files.FolderOf(jobFullName, number);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void DeleteArtifacts(string jobFullName, int number)
    {
        var archive = files.ArchiveOf(jobFullName, number);
        if (Directory.Exists(archive))
        {
            Directory.Delete(archive, recursive: true);
        }
    }

    private static int ReadNextBuildNumber(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var next) && next > 0 ? next : 1;
        }
        catch (FileNotFoundException)
        {
            return 1;
        }
        catch (DirectoryNotFoundException)
        {
            return 1;
        }
    }
}
