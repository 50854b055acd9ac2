using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Jobs;

namespace JenkinsLite.Persistence.Builds;

/// <summary>
/// The files of builds and workspaces: <c>builds/&lt;n&gt;/log</c>, <c>archive/</c>, and paths that a
/// request names inside an archive or a workspace, which can never lead outside it (no "..", no link
/// whose target is outside).
/// </summary>
public sealed class BuildFiles(JenkinsHome home)
{
    public JenkinsHome Home => home;

    public string FolderOf(string jobFullName, int number) =>
        Path.Combine(JobPaths.BuildsOf(home, jobFullName), number.ToString(CultureInfo.InvariantCulture));

    public string LogOf(string jobFullName, int number) => Path.Combine(FolderOf(jobFullName, number), "log");

    public string ArchiveOf(string jobFullName, int number) => Path.Combine(FolderOf(jobFullName, number), "archive");

    public string WorkspaceOf(string jobFullName) => JobPaths.WorkspaceOf(home, jobFullName);

    /// <summary>Opens the console log to stream a running build's output into it.</summary>
    public Stream OpenLogForAppend(string jobFullName, int number) =>
        WriteFaults.Checked(new FileStream(LogOf(jobFullName, number), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));

    /// <summary>The log from byte <paramref name="start"/> to its current end, and that end; null when there is no log.</summary>
    public (byte[] Bytes, long End)? ReadLog(string jobFullName, int number, long start)
    {
        using var stream = OpenLog(jobFullName, number);
        if (stream is null)
        {
            return null;
        }

        var end = stream.Length;
        if (start >= end)
        {
            return ([], end);
        }

        stream.Position = Math.Max(0, start);
        var bytes = new byte[end - stream.Position];
        stream.ReadExactly(bytes);
        return (bytes, end);
    }

    /// <summary>The build's log opened for reading while the build may still write to it; null when there is none.</summary>
    public FileStream? OpenLog(string jobFullName, int number)
    {
        try
        {
            return new FileStream(LogOf(jobFullName, number), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> inside <paramref name="root"/>, or null when it would
    /// leave it: "." and ".." segments are refused, and so is any link on the way that points outside.
    /// </summary>
    public static string? ResolveInside(string root, string relative)
    {
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var segments = relative.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is "." or ".." || s.Contains('\0', StringComparison.Ordinal)))
        {
            return null;
        }

        var path = rootFull;
        foreach (var segment in segments)
        {
            path = Path.Combine(path, segment);
            if (!IsInside(rootFull, Path.GetFullPath(path)) || !LinkStaysInside(rootFull, path))
            {
                return null;
            }
        }

        return path;
    }

    /// <summary>Every file below <paramref name="root"/> as a '/'-separated relative path, sorted; links leading outside are left out.</summary>
    public static IReadOnlyList<string> ListFiles(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var files = new List<string>();
        var pending = new Stack<string>([rootFull]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (!LinkStaysInside(rootFull, entry.FullName))
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    // A link to a folder inside is listed through its real place only, which also prevents loops.
                    if (directory.LinkTarget is null)
                    {
                        pending.Push(directory.FullName);
                    }
                }
                else
                {
                    files.Add(Path.GetRelativePath(rootFull, entry.FullName).Replace('\\', '/'));
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Copies the workspace files that match the archiver's patterns into the build's archive; returns their
    /// relative paths. Only regular files are copied (a link is followed only when it stays in the workspace).
    /// </summary>
    public IReadOnlyList<string> Archive(string jobFullName, int number, string includes, string? excludes)
    {
        var workspace = WorkspaceOf(jobFullName);
        var include = new AntPattern(includes);
        var exclude = new AntPattern(excludes);
        var archive = ArchiveOf(jobFullName, number);
        var archived = new List<string>();
        foreach (var file in ListFiles(workspace).Where(f => include.Matches(f) && !exclude.Matches(f)))
        {
            var target = Path.Combine(archive, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(workspace, file), target, overwrite: true);
            archived.Add(file);
        }

        return archived;
    }

    private static bool IsInside(string rootFull, string full) =>
        full == rootFull || full.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool LinkStaysInside(string rootFull, string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return true;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        return target is not null && IsInside(rootFull, Path.GetFullPath(target.FullName));
    }
}
