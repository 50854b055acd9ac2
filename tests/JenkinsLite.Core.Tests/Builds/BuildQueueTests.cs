using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Core.Tests.Builds;

internal sealed class BuildQueueTests
{
    private static readonly BuildCause Admin = BuildCause.ByUser("admin", "Admin");

    private FakeTimeProvider _clock = null!;
    private MemoryQueueStore _queueStore = null!;
    private MemoryBuildStore _buildStore = null!;
    private FakeCatalog _jobs = null!;
    private int _executors;
    private MemoryNodeStore _nodeStore = null!;
    private QuietDown _quietDown = null!;

    // NUnit reuses one fixture instance for all its tests: every test starts from a fresh queue.
    [SetUp]
    public void FreshQueue()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _queueStore = new MemoryQueueStore();
        _buildStore = new MemoryBuildStore();
        _jobs = new FakeCatalog();
        _executors = 2;
        _nodeStore = new MemoryNodeStore();
        _quietDown = new QuietDown();
        _jobs.Add("one");
        _jobs.Add("two");
        _jobs.Add("many", concurrent: true);
    }

    [Test]
    public void TryStartNext_InQuietPeriod_WaitsThenStarts()
    {
        // Arrange
        var queue = NewQueue();
        var item = queue.Schedule("one", TimeSpan.FromSeconds(5), [Admin], []);

        // Act
        var early = queue.TryStartNext();
        var view = queue.Find(item.Id)!;
        _clock.Advance(TimeSpan.FromSeconds(5));
        var started = queue.TryStartNext();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(early, Is.Null);
            Assert.That(view.State, Is.EqualTo(QueueItemState.Waiting));
            Assert.That(view.Why, Does.StartWith("In the quiet period."));
            Assert.That(started!.Record.Number, Is.EqualTo(1));
            Assert.That(queue.Find(item.Id)!.State, Is.EqualTo(QueueItemState.Left));
            Assert.That(queue.Find(item.Id)!.Item.BuildNumber, Is.EqualTo(1));
            Assert.That(_buildStore.Consoles[("one", 1)], Is.EqualTo("Started by user Admin\n"));
        });
    }

    [Test]
    public void TryStartNext_JobWithoutConcurrentBuild_RunsOneAtATime()
    {
        // Arrange
        var queue = NewQueue();
        queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        var second = queue.Schedule("one", TimeSpan.Zero, [Admin], []);

        // Act
        var first = queue.TryStartNext()!;
        var blocked = queue.TryStartNext();
        var view = queue.Find(second.Id)!;
        queue.Finish(first, BuildResult.Success, []);
        var next = queue.TryStartNext();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(blocked, Is.Null);
            Assert.That(view.State, Is.EqualTo(QueueItemState.Blocked));
            Assert.That(view.Why, Is.EqualTo("Build #1 is already in progress (ETA: N/A)"));
            Assert.That(next!.Record.Number, Is.EqualTo(2));
        });
    }

    [Test]
    public void TryStartNext_ConcurrentJob_UsesEveryExecutorAndNoMore()
    {
        // Arrange
        var queue = NewQueue();
        for (var i = 0; i < 3; i++)
        {
            queue.Schedule("many", TimeSpan.Zero, [Admin], []);
        }

        // Act
        var a = queue.TryStartNext();
        var b = queue.TryStartNext();
        var c = queue.TryStartNext();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(new[] { a!.ExecutorNumber, b!.ExecutorNumber }, Is.EquivalentTo(new List<int> { 0, 1 }));
            Assert.That(c, Is.Null);
            Assert.That(queue.Pending().Single().State, Is.EqualTo(QueueItemState.Buildable));
        });
    }

    [Test]
    public void Cancel_WaitingItem_UsesNoBuildNumber()
    {
        // Arrange
        var queue = NewQueue();
        var cancelled = queue.Schedule("one", TimeSpan.FromSeconds(5), [Admin], []);
        queue.Schedule("one", TimeSpan.FromSeconds(5), [Admin], []);

        // Act
        var outcome = queue.Cancel(cancelled.Id, "test");
        _clock.Advance(TimeSpan.FromSeconds(5));
        var started = queue.TryStartNext();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(CancelOutcome.Cancelled));
            Assert.That(queue.Find(cancelled.Id)!.Item.Cancelled, Is.True);
            Assert.That(queue.Find(cancelled.Id)!.Item.BuildNumber, Is.Null);
            Assert.That(started!.Record.Number, Is.EqualTo(1));
            Assert.That(queue.Cancel(cancelled.Id, "again"), Is.EqualTo(CancelOutcome.NotCancellable));
            Assert.That(queue.Cancel(999, "none"), Is.EqualTo(CancelOutcome.NotFound));
        });
    }

    [Test]
    public void Find_LeftItem_ExpiresAfterFiveMinutes()
    {
        // Arrange
        var queue = NewQueue();
        var item = queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        queue.TryStartNext();

        // Act
        _clock.Advance(TimeSpan.FromMinutes(4));
        var kept = queue.Find(item.Id);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var expired = queue.Find(item.Id);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(kept, Is.Not.Null);
            Assert.That(expired, Is.Null);
        });
    }

    [Test]
    public void Find_LeftItemExpiresWhileTheDiskIsFull_AnswersWithoutWriting()
    {
        // Arrange
        var queue = NewQueue();
        var item = queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        queue.TryStartNext();
        _clock.Advance(BuildQueue.LeftItemLifetime);
        _queueStore.FailWith = new IOException("No space left on device");

        // Act
        var expired = queue.Find(item.Id);

        // Assert
        Assert.That(expired, Is.Null);
    }

    [Test]
    public void Constructor_StoredQueue_KeepsIdsAndWaitingItems()
    {
        // Arrange
        var before = NewQueue();
        var item = before.Schedule("one", TimeSpan.FromSeconds(30), [Admin], []);

        // Act
        var after = NewQueue();
        var next = after.Schedule("two", TimeSpan.Zero, [Admin], []);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var first = after.TryStartNext();
        var second = after.TryStartNext();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(next.Id, Is.EqualTo(item.Id + 1));
            Assert.That(new[] { first!.Item.Id, second!.Item.Id }, Is.EquivalentTo(new List<long> { item.Id, next.Id }));
        });
    }

    [Test]
    public void TryStartNext_NoExecutors_LeavesItemBuildable()
    {
        // Arrange
        _executors = 0;
        var queue = NewQueue();
        var item = queue.Schedule("one", TimeSpan.Zero, [Admin], []);

        // Act
        var started = queue.TryStartNext();

        // Assert
        Assert.That(started, Is.Null);
        Assert.That(queue.Find(item.Id)!.State, Is.EqualTo(QueueItemState.Buildable));
    }

    [Test]
    public void Hold_ItemOfAHeldJob_StartsOnlyOnceTheHoldEnds()
    {
        // Arrange: a rename or delete holds the job while its folder moves
        var queue = NewQueue();
        var item = queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        var hold = queue.Hold(["ONE"]);

        // Act
        var meanwhile = queue.TryStartNext();
        hold.Dispose();
        var started = queue.TryStartNext();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(meanwhile, Is.Null);
            Assert.That(queue.Find(item.Id)!.Item.Cancelled, Is.False);
            Assert.That(started!.Item.Id, Is.EqualTo(item.Id));
        });
    }

    [Test]
    public void Hold_RunIfIdle_RefusedWhileTheJobBuilds()
    {
        var (queue, _) = RunningBuildOfOne();
        using var hold = queue.Hold(["one"]);
        var changed = false;

        var idle = hold.RunIfIdle(() => changed = true);

        Assert.That((idle, changed), Is.EqualTo((false, false)));
    }

    [Test]
    public void Hold_StopRunning_AbortsAndReturnsOnceTheBuildHasFinished()
    {
        // Arrange: the executor finishes the aborted build a moment later
        var (queue, build) = RunningBuildOfOne();
        using var hold = queue.Hold(["one"]);
        var executor = Task.Run(async () =>
        {
            while (!build.IsAborted)
            {
                await Task.Delay(10);
            }

            await Task.Delay(100);
            queue.Finish(build, BuildResult.Success, []);
        });

        // Act
        var stopped = hold.StopRunning(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stopped, Is.True);
            Assert.That(executor.IsCompleted, Is.True, "returned before the build ended");
            Assert.That(hold.RunIfIdle(() => { }), Is.True);
        });
    }

    [Test]
    public void Hold_StopRunning_ABuildThatDoesNotEnd_False()
    {
        var (queue, build) = RunningBuildOfOne();
        using var hold = queue.Hold(["one"]);

        var stopped = hold.StopRunning(TimeSpan.FromMilliseconds(100));

        Assert.That((stopped, build.IsAborted), Is.EqualTo((false, true)));
    }

    [Test]
    public void JobDeleted_CancelsItsItems()
    {
        var queue = NewQueue();
        var item = queue.Schedule("one", TimeSpan.Zero, [Admin], []);

        queue.JobDeleted("one");

        Assert.That(queue.Find(item.Id)!.Item.Cancelled, Is.True);
        Assert.That(queue.TryStartNext(), Is.Null);
    }

    [Test]
    public void TryStartNext_ItemOfAJobGoneWhileStopped_IsCancelled()
    {
        // Arrange: a crash took the job's delete event with it
        var item = NewQueue().Schedule("one", TimeSpan.Zero, [Admin], []);
        _jobs.Jobs.Remove("one");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = NewQueue();

        // Act
        var started = after.TryStartNext();

        // Assert
        Assert.That(started, Is.Null);
        Assert.That(after.Find(item.Id)!.Item.Cancelled, Is.True);
    }

    [Test]
    public void Stop_RunningBuild_FinishesAborted()
    {
        // Arrange
        var queue = NewQueue();
        queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        var build = queue.TryStartNext()!;

        // Act
        var outcome = queue.Stop("ONE", 1);
        var done = queue.Finish(build, BuildResult.Success, []);

        // Assert
        Assert.That((outcome, done.Result, done.Building), Is.EqualTo((StopOutcome.Stopping, (BuildResult?)BuildResult.Aborted, false)));
    }

    [Test]
    public void Finish_JobDeletedWhileRunning_AbortsAndWritesNothing()
    {
        // Arrange
        var records = new BuildRecords(_buildStore, _clock);
        var queue = new BuildQueue(_queueStore, _jobs, records, _clock, NewNode(), _quietDown);
        var history = new BuildHistory(records, queue);
        queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        var build = queue.TryStartNext()!;

        // Act: the jobs side deletes the folder, then tells the history
        _buildStore.Builds.Remove("one");
        history.OnDeleted(_jobs.Find("one")!);
        var done = queue.Finish(build, BuildResult.Success, []);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(build.IsAborted, Is.True);
            Assert.That(done.Result, Is.EqualTo(BuildResult.Aborted));
            Assert.That(_buildStore.Builds.ContainsKey("one"), Is.False);
        });
    }

    [Test]
    public void Records_BuildUnfinishedOnDisk_IsAbortedWhenLoaded()
    {
        // Arrange
        _buildStore.Builds["one"] = [new BuildRecord("one", 3, 7, _clock.GetUtcNow(), TimeSpan.Zero, null, true, [Admin], [], [], null, false)];
        _buildStore.Consoles[("one", 3)] = "Started by user Admin\n";
        var records = new BuildRecords(_buildStore, _clock);

        // Act
        var builds = records.Of("one");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(builds.Single().Result, Is.EqualTo(BuildResult.Aborted));
            Assert.That(records.NextBuildNumber("one"), Is.EqualTo(4));
            Assert.That(_buildStore.Consoles[("one", 3)], Does.EndWith("Finished: ABORTED\n"));
        });
    }

    [Test]
    public void TryStartNext_WhileQuietingDown_HoldsItemsUntilCancelled()
    {
        // Arrange
        var queue = NewQueue();
        var changes = 0;
        queue.Changed += () => changes++;
        _quietDown.Begin("maintenance");
        var item = queue.Schedule("one", TimeSpan.Zero, [Admin], []);

        // Act
        var held = queue.TryStartNext();
        var view = queue.Find(item.Id)!;
        var changesBefore = changes;
        _quietDown.Cancel();
        var started = queue.TryStartNext();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(held, Is.Null);
            Assert.That((view.State, view.Why), Is.EqualTo((QueueItemState.Blocked, "Jenkins is about to shut down")));
            Assert.That(changes, Is.EqualTo(changesBefore + 1), "cancelling wakes the executors");
            Assert.That(started?.Record.Number, Is.EqualTo(1));
        });
    }

    [Test]
    public void TryStartNext_BuiltInNodeOffline_HoldsItemsUntilOnline()
    {
        // Arrange
        var node = NewNode();
        var queue = new BuildQueue(_queueStore, _jobs, new BuildRecords(_buildStore, _clock), _clock, node, _quietDown);
        node.TakeOffline(new NodeOfflineCause("admin", "disk full", _clock.GetUtcNow(), FromCli: false));
        var item = queue.Schedule("one", TimeSpan.Zero, [Admin], []);

        // Act
        var held = queue.TryStartNext();
        var view = queue.Find(item.Id)!;
        node.BringOnline();
        var started = queue.TryStartNext();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(held, Is.Null);
            Assert.That((view.State, view.Why), Is.EqualTo((QueueItemState.Buildable, "‘Built-In Node’ is offline")));
            Assert.That(started?.Record.Number, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task WaitUntilQuietAsync_ReturnsOnceTheRunningBuildFinishes()
    {
        // Arrange
        var queue = NewQueue();
        queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        var build = queue.TryStartNext()!;
        _quietDown.Begin(null);

        // Act
        var waiting = queue.WaitUntilQuietAsync(null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var doneWhileRunning = waiting.IsCompleted;
        queue.Finish(build, BuildResult.Success, []);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var quiet = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.That((doneWhileRunning, quiet), Is.EqualTo((false, true)));
    }

    [Test]
    public async Task WaitUntilQuietAsync_TimeoutOrCancelledQuietDown_ReturnsFalse()
    {
        // Arrange
        var queue = NewQueue();
        queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        queue.TryStartNext();
        _quietDown.Begin(null);

        // Act
        var timedOut = queue.WaitUntilQuietAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var afterTimeout = await timedOut.WaitAsync(TimeSpan.FromSeconds(10));
        var cancelled = queue.WaitUntilQuietAsync(null, CancellationToken.None);
        _quietDown.Cancel();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterCancel = await cancelled.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.That((afterTimeout, afterCancel), Is.EqualTo((false, false)));
    }

    // A queue with a build of "one" running, as a delete or rename of it may find it.
    private (BuildQueue Queue, StartedBuild Build) RunningBuildOfOne()
    {
        var queue = NewQueue();
        queue.Schedule("one", TimeSpan.Zero, [Admin], []);
        return (queue, queue.TryStartNext()!);
    }

    private BuildQueue NewQueue() => new(_queueStore, _jobs, new BuildRecords(_buildStore, _clock), _clock, NewNode(), _quietDown);

    private BuiltInNode NewNode() => new(_nodeStore, () => _executors);
}
