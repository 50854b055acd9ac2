using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Runtime.InteropServices;

namespace JenkinsLite.Persistence.Home;

/// <summary>
/// Writes a file so that a reader or a crash sees the old or the new content, never a torn one:
/// temp file in the same folder, flushed to disk, renamed over the target, then the folder flushed
/// (as Jenkins' AtomicFileWriter). Writes to one path are serialised.
/// </summary>
public static partial class AtomicFile
{
    private const int EEXIST = 17;

    /// <summary>Suffix of temp files; one left by a crash is never read, and is removed at start-up.</summary>
    public const string TempSuffix = ".atomic-tmp";

    private static readonly ConcurrentDictionary<string, object> Gates = new(StringComparer.Ordinal);

    public static void Write(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        lock (Gates.GetOrAdd(full, _ => new object()))
        {
            var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TempSuffix}");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    WriteFaults.Check(full);
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, full, overwrite: true);
                FlushFolder(folder);
            }
            finally
            {
                File.Delete(temp); // no-op once moved
            }
        }
    }

    /// <summary>
    /// Removes temp files a crash left behind under <paramref name="root"/>, those last written before
    /// <paramref name="startedUtc"/> (a newer one belongs to a write in progress); returns how many.
    /// </summary>
    public static int RemoveStaleTemps(string root, DateTime startedUtc)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        // One walk (a large home has a folder per build), past the workspaces: build output, never ours to delete.
        var workspaces = Path.Combine(Path.GetFullPath(root), "workspace");
        var temps = new FileSystemEnumerable<string>(root, (ref FileSystemEntry entry) => entry.ToFullPath(),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                !entry.IsDirectory && IsTemp(entry.FileName) && entry.LastWriteTimeUtc.UtcDateTime < startedUtc,
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !entry.ToFullPath().Equals(workspaces, StringComparison.Ordinal),
        }.ToList();
        foreach (var temp in temps)
        {
            File.Delete(temp);
        }

        return temps.Count;
    }

    /// <summary>
    /// Moves a complete file to <paramref name="path"/> only when nothing is there, as one step: false when another
    /// writer got there first. File.Move without overwrite checks and then renames on Linux, so two writers can both
    /// "win" and the second replaces the first's file; a hard link fails instead when the name exists.
    /// </summary>
    public static bool TryMoveToNewName(string source, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, path, overwrite: false); // MoveFileEx without REPLACE_EXISTING: one step there
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        if (Link(source, path) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error == EEXIST ? false : throw new IOException($"Cannot create {path}: {Marshal.GetPInvokeErrorMessage(error)}");
        }

        File.Delete(source);
        return true;
    }

    // .NET has no API to fsync a directory; without it the rename itself may not survive a power cut.
    private static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // Ours, and those of Jenkins' AtomicFileWriter ("atomic<random>tmp") from a crashed Jenkins.
    private static bool IsTemp(ReadOnlySpan<char> name) =>
        name.EndsWith(TempSuffix, StringComparison.Ordinal)
        || (name.EndsWith("tmp", StringComparison.Ordinal) && JenkinsTemp().IsMatch(name));

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.*-)?atomic\d*tmp$")]
    private static partial System.Text.RegularExpressions.Regex JenkinsTemp();

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string newPath);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
