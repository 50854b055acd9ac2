using JenkinsLite.Server.Security;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>The cap on password hashes that keeps a flood of wrong passwords from taking every thread (issue 13).</summary>
internal sealed class PasswordHashLimiterTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TestDeadline = BlockingHashes.TestDeadline;

    [Test]
    public async Task RunAsync_MoreCallersThanSlots_AtMostSlotsHashAtOnceAndTheRestWaitWithoutAThread()
    {
        // Arrange: every hash blocks until released, as a long bcrypt would.
        using var limiter = new PasswordHashLimiter(2, MaxWait, new FakeTimeProvider());
        using var hashes = new BlockingHashes(held: true);
        var holders = Enumerable.Range(0, 2).Select(_ => Task.Run(() => limiter.RunAsync(() => hashes.Run(() => true), CancellationToken.None).AsTask())).ToList();
        await hashes.WaitUntilRunningAsync(2);

        // Act: further callers on this very thread; a blocking wait would never return here.
        var waiting = Enumerable.Range(0, 6).Select(_ => limiter.RunAsync(() => hashes.Run(() => true), CancellationToken.None)).ToList();
        var returnedAtOnce = waiting.All(w => !w.IsCompleted);
        var runningWhileTheyWait = hashes.Running;
        hashes.Release();
        var results = await Task.WhenAll(holders.Concat(waiting.Select(w => w.AsTask()))).WaitAsync(TestDeadline);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(returnedAtOnce, Is.True);
            Assert.That(runningWhileTheyWait, Is.EqualTo(2));
            Assert.That(hashes.MostAtOnce, Is.EqualTo(2));
            Assert.That(results, Has.Length.EqualTo(8).And.All.True);
        });
    }

    [Test]
    public async Task RunAsync_FreeSlot_HashesAtOnceWithoutWaiting()
    {
        // Arrange
        using var limiter = new PasswordHashLimiter(1, MaxWait, new FakeTimeProvider());

        // Act
        var check = limiter.RunAsync(() => false, CancellationToken.None);

        // Assert
        Assert.That(check.IsCompletedSuccessfully, Is.True);
        Assert.That(await check, Is.False);
    }

    [Test]
    public async Task RunAsync_NoSlotWithinMaxWait_NullAndTheHashNeverRuns()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        using var limiter = new PasswordHashLimiter(1, MaxWait, clock);
        using var hashes = new BlockingHashes(held: true);
        var holder = Task.Run(() => limiter.RunAsync(() => hashes.Run(() => true), CancellationToken.None).AsTask());
        await hashes.WaitUntilRunningAsync(1);
        var ranLate = false;
        var waiting = limiter.RunAsync(() => ranLate = true, CancellationToken.None);

        // Act
        clock.Advance(MaxWait - TimeSpan.FromMilliseconds(1));
        var completedBeforeMaxWait = waiting.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await waiting.AsTask().WaitAsync(TestDeadline);
        hashes.Release();
        await holder.WaitAsync(TestDeadline);

        // Assert: the slot is still usable afterwards.
        var after = await limiter.RunAsync(() => true, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(completedBeforeMaxWait, Is.False);
            Assert.That(result, Is.Null);
            Assert.That(ranLate, Is.False);
            Assert.That(after, Is.True);
        });
    }

    [Test]
    public async Task RunAsync_CallerLeavesWhileWaiting_CancelledAndTheHashNeverRuns()
    {
        // Arrange
        using var limiter = new PasswordHashLimiter(1, MaxWait, new FakeTimeProvider());
        using var hashes = new BlockingHashes(held: true);
        var holder = Task.Run(() => limiter.RunAsync(() => hashes.Run(() => true), CancellationToken.None).AsTask());
        await hashes.WaitUntilRunningAsync(1);
        using var leaving = new CancellationTokenSource();
        var ranLate = false;
        var waiting = limiter.RunAsync(() => ranLate = true, leaving.Token).AsTask();

        // Act
        await leaving.CancelAsync();

        // Assert
        Assert.That(async () => await waiting.WaitAsync(TestDeadline), Throws.InstanceOf<OperationCanceledException>());
        hashes.Release();
        await holder.WaitAsync(TestDeadline);
        Assert.That(ranLate, Is.False);
    }
}
