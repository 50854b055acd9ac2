using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Core.Tests.Builds;

/// <summary>Changing a build's metadata: saved and shown at once, and never lost to a build that completes later.</summary>
internal sealed class BuildRecordsTests
{
    private static readonly BuildCause Admin = BuildCause.ByUser("admin", "Admin");

    private FakeTimeProvider _clock = null!;
    private MemoryBuildStore _store = null!;
    private BuildRecords _records = null!;

    [SetUp]
    public void FreshRecords()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _store = new MemoryBuildStore();
        _records = new BuildRecords(_store, _clock);
    }

    [Test]
    public void Update_FinishedBuild_IsSavedAndShown()
    {
        // Arrange
        var running = Begin(1);
        _records.Complete(running, BuildResult.Success, [], null);

        // Act
        var changed = _records.Update("one", 1, b => b with { Description = "release", DisplayName = "v1.0", KeepLog = true });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.Not.Null);
            Assert.That(_records.Find("one", 1), Is.EqualTo(changed));
            Assert.That(_store.Builds["one"].Single(), Is.EqualTo(changed));
            Assert.That((changed!.DisplayNameOrNumber, changed.FullDisplayName), Is.EqualTo(("v1.0", "one v1.0")));
        });
    }

    [Test]
    public void Update_NoSuchBuild_IsNullAndSavesNothing()
    {
        // Act
        var changed = _records.Update("one", 7, b => b with { Description = "x" });

        // Assert
        Assert.That((changed, _store.Builds.ContainsKey("one")), Is.EqualTo(((BuildRecord?)null, false)));
    }

    [Test]
    public void Complete_RecordCannotBeWritten_ShownEndedAndSavedAtTheNextWrite()
    {
        // Arrange: the disk refuses the finished build's build.xml once (the soak found such a build
        // shown running for good, its console already saying "Finished: SUCCESS")
        var running = Begin(1);
        _store.FailingSaves = 1;

        // Act
        Assert.Throws<IOException>(() => _records.Complete(running, BuildResult.Success, [], null));
        var shown = _records.Find("one", 1);
        var onDiskBefore = _store.Builds["one"].Single().Result;
        Begin(2);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((shown!.Building, shown.Result), Is.EqualTo((false, (BuildResult?)BuildResult.Success)));
            Assert.That(onDiskBefore, Is.Null);
            Assert.That(_store.Builds["one"].Single(b => b.Number == 1).Result, Is.EqualTo(BuildResult.Success), "saved at the next write");
        });
    }

    [Test]
    public void Complete_AfterUpdateWhileRunning_KeepsTheChange()
    {
        // Arrange: the executor holds the record it started with
        var running = Begin(1);
        _records.Update("one", 1, b => b with { Description = "set while running", KeepLog = true, DisplayName = "nightly" });

        // Act
        var done = _records.Complete(running, BuildResult.Failure, [], null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((done.Description, done.KeepLog, done.DisplayName), Is.EqualTo(("set while running", true, "nightly")));
            Assert.That((done.Result, done.Building), Is.EqualTo(((BuildResult?)BuildResult.Failure, false)));
            Assert.That(_store.Builds["one"].Single(), Is.EqualTo(done));
        });
    }

    [Test]
    public void Complete_WithDiscarder_NeverDiscardsABuildKeptForever()
    {
        // Arrange: keep one build; #1 failed and is kept forever
        var discarder = new BuildDiscarder(null, 1, null, null);
        _records.Complete(Begin(1), BuildResult.Failure, [], discarder);
        _records.Update("one", 1, b => b with { KeepLog = true });
        _records.Complete(Begin(2), BuildResult.Failure, [], discarder);

        // Act
        _records.Complete(Begin(3), BuildResult.Failure, [], discarder);

        // Assert: #2 is gone, #1 stays
        Assert.That(_records.Of("one").Select(b => b.Number), Is.EqualTo(new List<int> { 3, 1 }));
    }

    [Test]
    public void Update_ChangeThatMovesTheBuild_IsRefused()
    {
        // Arrange
        Begin(1);

        // Act, Assert
        Assert.Throws<ArgumentException>(() => _records.Update("one", 1, b => b with { Number = 2 }));
    }

    private BuildRecord Begin(long queueId) =>
        _records.Begin(new QueueItem(queueId, "one", [Admin], [], _clock.GetUtcNow(), _clock.GetUtcNow()), 0);
}
