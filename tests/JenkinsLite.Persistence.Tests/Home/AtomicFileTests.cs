using System.Text;
using JenkinsLite.Persistence.Home;

namespace JenkinsLite.Persistence.Tests.Home;

internal sealed class AtomicFileTests
{
    private TempHome _home = null!;

    [SetUp]
    public void CreateHome()
    {
        _home = TempHome.Empty();
    }

    [TearDown]
    public void DeleteHome()
    {
        _home.Dispose();
    }

    private string[] TempFiles() =>
        Directory.GetFiles(_home.Root, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories);

    [Test]
    public void Write_NewFileInMissingFolder_CreatedWithContent()
    {
        // Arrange
        var path = _home.PathOf("users", "alice", "config.xml");

        // Act
        AtomicFile.Write(path, "<user/>"u8.ToArray());

        // Assert
        Assert.That(File.ReadAllBytes(path), Is.EqualTo("<user/>"u8.ToArray()));
    }

    [Test]
    public void Write_ExistingFile_ContentReplacedWhole()
    {
        // Arrange
        var path = _home.PathOf("config.xml");
        File.WriteAllText(path, "a much longer old content that must not survive in part");

        // Act
        AtomicFile.Write(path, "new"u8.ToArray());

        // Assert
        Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
    }

    [Test]
    public void Write_Done_NoTempFileLeft()
    {
        // Arrange
        var path = _home.PathOf("config.xml");

        // Act
        AtomicFile.Write(path, "one"u8.ToArray());
        AtomicFile.Write(path, "two"u8.ToArray());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(TempFiles(), Is.Empty);
            Assert.That(string.Join(",", Directory.GetFileSystemEntries(_home.Root).Select(Path.GetFileName)), Is.EqualTo("config.xml"));
        });
    }

    [Test]
    public void Write_ManyWritersOnOnePath_FileHoldsOneWholeContent()
    {
        // Arrange
        var path = _home.PathOf("config.xml");
        var contents = Enumerable.Range(0, 32).Select(i => Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), 10_000 + i))).ToList();

        // Act
        Parallel.ForEach(contents, content => AtomicFile.Write(path, content));

        // Assert
        var written = File.ReadAllBytes(path);
        Assert.Multiple(() =>
        {
            Assert.That(contents.Any(c => c.AsSpan().SequenceEqual(written)), Is.True);
            Assert.That(TempFiles(), Is.Empty);
        });
    }

    [Test]
    public void Write_TargetIsAFolder_ThrowsAndLeavesNoTemp()
    {
        // Arrange: a failure that no permission bit can bypass, so it also runs as root.
        var path = _home.PathOf("config.xml");
        Directory.CreateDirectory(Path.Combine(path, "inside"));

        // Act
        Assert.That(() => AtomicFile.Write(path, "new"u8.ToArray()), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(Path.Combine(path, "inside")), Is.True);
            Assert.That(TempFiles(), Is.Empty);
        });
    }

    [Test]
    public void Write_FolderReadOnly_ThrowsAndOldFileKept()
    {
        // Arrange
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix permissions only.");
            return;
        }

        if (Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("root ignores permission bits, so the write cannot be made to fail this way.");
        }

        var folder = _home.PathOf("users");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "config.xml");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        // Act
        Assert.That(() => AtomicFile.Write(path, "new"u8.ToArray()), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
            Assert.That(TempFiles(), Is.Empty);
        });
    }

    [Test]
    public void RemoveStaleTemps_TempsInSubfolders_RemovedOthersKept()
    {
        // Arrange
        _home.Write("config.xml", "keep");
        _home.Write("users/alice/config.xml", "keep");
        _home.Write("users/alice/.config.xml.0123456789abcdef" + AtomicFile.TempSuffix, "half");
        _home.Write(".config.xml.fedcba" + AtomicFile.TempSuffix, "half");
        _home.Write("users/alice/config.xml.tmp", "not ours");

        // Act
        var removed = AtomicFile.RemoveStaleTemps(_home.Root, DateTime.MaxValue);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(2));
            Assert.That(TempFiles(), Is.Empty);
            Assert.That(File.ReadAllText(_home.PathOf("config.xml")), Is.EqualTo("keep"));
            Assert.That(File.ReadAllText(_home.PathOf("users", "alice", "config.xml")), Is.EqualTo("keep"));
            Assert.That(File.Exists(_home.PathOf("users", "alice", "config.xml.tmp")), Is.True);
        });
    }

    [Test]
    public void RemoveStaleTemps_FileOfTheSameNameInAWorkspace_IsBuildOutputAndKept()
    {
        // Arrange: a build may write anything into its workspace, this name too
        var buildOutput = "workspace/app/.report.0123" + AtomicFile.TempSuffix;
        _home.Write(buildOutput, "a build's file");
        _home.Write("jobs/app/builds/1/.build.xml.0123" + AtomicFile.TempSuffix, "half");

        // Act
        var removed = AtomicFile.RemoveStaleTemps(_home.Root, DateTime.MaxValue);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(1));
            Assert.That(File.Exists(_home.PathOf(buildOutput.Split('/'))), Is.True);
        });
    }

    [Test]
    public void RemoveStaleTemps_TempsOfACrashedJenkins_Removed()
    {
        // Arrange: Jenkins' AtomicFileWriter writes "atomic<random>tmp" beside the target.
        _home.Write("users/alice/atomic8471623917312tmp", "half");
        _home.Write("jobs/demo/config.xml-atomic123tmp", "half");
        _home.Write("jobs/demo/atomic-notes.txt", "keep");
        _home.Write("jobs/demo/config.xml", "keep");

        // Act
        var removed = AtomicFile.RemoveStaleTemps(_home.Root, DateTime.MaxValue);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(2));
            Assert.That(File.Exists(_home.PathOf("users", "alice", "atomic8471623917312tmp")), Is.False);
            Assert.That(File.Exists(_home.PathOf("jobs", "demo", "config.xml-atomic123tmp")), Is.False);
            Assert.That(File.Exists(_home.PathOf("jobs", "demo", "atomic-notes.txt")), Is.True);
            Assert.That(File.Exists(_home.PathOf("jobs", "demo", "config.xml")), Is.True);
        });
    }

    [Test]
    public void RemoveStaleTemps_TempWrittenSinceTheStart_BelongsToAWriteInProgressAndKept()
    {
        // Arrange
        var started = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
        _home.Write("users/alice/.config.xml.0123" + AtomicFile.TempSuffix, "left by a crash");
        _home.Write("users/bob/.config.xml.4567" + AtomicFile.TempSuffix, "being written");
        File.SetLastWriteTimeUtc(_home.PathOf("users", "alice", ".config.xml.0123" + AtomicFile.TempSuffix), started.AddSeconds(-1));
        File.SetLastWriteTimeUtc(_home.PathOf("users", "bob", ".config.xml.4567" + AtomicFile.TempSuffix), started.AddSeconds(1));

        // Act
        var removed = AtomicFile.RemoveStaleTemps(_home.Root, started);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(1));
            Assert.That(File.Exists(_home.PathOf("users", "bob", ".config.xml.4567" + AtomicFile.TempSuffix)), Is.True);
        });
    }

    [Test]
    public void TryMoveToNewName_NameTaken_FalseAndTheFileThereKept()
    {
        // Arrange
        _home.Write("secrets/key", "first");
        _home.Write("secrets/.key.1" + AtomicFile.TempSuffix, "second");
        _home.Write("secrets/.other.1" + AtomicFile.TempSuffix, "new");

        // Act
        var taken = AtomicFile.TryMoveToNewName(_home.PathOf("secrets", ".key.1" + AtomicFile.TempSuffix), _home.PathOf("secrets", "key"));
        var free = AtomicFile.TryMoveToNewName(_home.PathOf("secrets", ".other.1" + AtomicFile.TempSuffix), _home.PathOf("secrets", "other"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(taken, Is.False);
            Assert.That(File.ReadAllText(_home.PathOf("secrets", "key")), Is.EqualTo("first"));
            Assert.That(free, Is.True);
            Assert.That(File.ReadAllText(_home.PathOf("secrets", "other")), Is.EqualTo("new"));
            Assert.That(File.Exists(_home.PathOf("secrets", ".other.1" + AtomicFile.TempSuffix)), Is.False);
        });
    }

    [Test]
    public void RemoveStaleTemps_MissingRoot_Zero()
    {
        Assert.That(AtomicFile.RemoveStaleTemps(_home.PathOf("no-such-folder"), DateTime.MaxValue), Is.Zero);
    }

    [Test]
    public void RemoveStaleTemps_NoTemps_ZeroAndNothingRemoved()
    {
        // Arrange
        _home.Write("config.xml", "keep");

        // Act
        var removed = AtomicFile.RemoveStaleTemps(_home.Root, DateTime.MaxValue);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.Zero);
            Assert.That(File.Exists(_home.PathOf("config.xml")), Is.True);
        });
    }
}
