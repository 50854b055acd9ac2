using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Tests.Users;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

internal sealed class ApiTokenUsageStatsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private FakeUserRepository _repository = null!;
    private FakeTimeProvider _clock = null!;
    private bool _enabled;
    private ApiTokenUsageStats _stats = null!;

    [SetUp]
    public void CreateStats()
    {
        _repository = new FakeUserRepository();
        _clock = new FakeTimeProvider(Start);
        _enabled = true;
        _stats = new ApiTokenUsageStats(_repository, _clock, () => _enabled);
    }

    [Test]
    public void RecordUse_Twice_CountsTwoAndKeepsLatestTime()
    {
        // Act
        _stats.RecordUse("alice", "t1");
        _clock.Advance(TimeSpan.FromMinutes(5));
        _stats.RecordUse("alice", "t1");

        // Assert
        Assert.That(_stats.UsageOf("alice", "t1"), Is.EqualTo(new TokenUsage(2, Start.AddMinutes(5))));
    }

    [Test]
    public void RecordUse_TwoTokens_CountedApart()
    {
        // Act
        _stats.RecordUse("alice", "t1");
        _stats.RecordUse("alice", "t1");
        _stats.RecordUse("alice", "t2");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(_stats.UsageOf("alice", "t1").UseCount, Is.EqualTo(2));
            Assert.That(_stats.UsageOf("alice", "t2").UseCount, Is.EqualTo(1));
            Assert.That(_stats.UsageOf("bob", "t1"), Is.EqualTo(TokenUsage.Never));
        });
    }

    [Test]
    public void RecordUse_UserIdInOtherCase_SameUser()
    {
        // Act
        _stats.RecordUse("Alice", "t1");

        // Assert
        Assert.That(_stats.UsageOf("alice", "t1").UseCount, Is.EqualTo(1));
    }

    [Test]
    public void RecordUse_StoredCounts_ContinuesFromThem()
    {
        // Arrange
        _repository.PutStats("alice", new Dictionary<string, TokenUsage> { ["t1"] = new(41, Start.AddDays(-3)) });

        // Act
        _stats.RecordUse("alice", "t1");

        // Assert
        Assert.That(_stats.UsageOf("alice", "t1"), Is.EqualTo(new TokenUsage(42, Start)));
    }

    [Test]
    public void RecordUse_BeforeFlush_WritesNothing()
    {
        // Act
        _stats.RecordUse("alice", "t1");

        // Assert: authentication never waits for a disk write.
        Assert.That(_repository.SavedStats, Is.Empty);
    }

    [Test]
    public void Flush_AfterUse_WritesTheCountsThroughTheRepository()
    {
        // Arrange
        _stats.RecordUse("alice", "t1");
        _stats.RecordUse("alice", "t1");

        // Act
        _stats.Flush();

        // Assert
        Assert.That(_repository.SavedStats, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(_repository.SavedStats[0].UserId, Is.EqualTo("alice"));
            Assert.That(_repository.SavedStats[0].Stats["t1"], Is.EqualTo(new TokenUsage(2, Start)));
        });
    }

    [Test]
    public void Flush_NothingChangedSinceLastFlush_WritesNothing()
    {
        // Arrange
        _stats.RecordUse("alice", "t1");
        _stats.Flush();

        // Act
        _stats.Flush();

        // Assert
        Assert.That(_repository.SavedStats, Has.Count.EqualTo(1));
    }

    [Test]
    public void Flush_OnlyReadNotUsed_WritesNothing()
    {
        // Arrange
        _repository.PutStats("alice", new Dictionary<string, TokenUsage> { ["t1"] = new(3, Start) });
        _stats.UsageOf("alice", "t1");

        // Act
        _stats.Flush();

        // Assert
        Assert.That(_repository.SavedStats, Is.Empty);
    }

    [Test]
    public void Flush_WriteFails_StaysDirtyAndNextFlushWrites()
    {
        // Arrange
        _stats.RecordUse("alice", "t1");
        _repository.SaveStatsFailure = new IOException("disk full (test)");

        // Act
        Assert.Throws<IOException>(() => _stats.Flush());
        _repository.SaveStatsFailure = null;
        _stats.Flush();

        // Assert
        Assert.That(_repository.StoredStats("alice")?["t1"].UseCount, Is.EqualTo(1));
    }

    [Test]
    public void Flush_WriteDeniedAccess_StaysDirtyAndNextFlushWrites()
    {
        // Arrange: AtomicFile throws UnauthorizedAccessException, not IOException, for a folder it may not write.
        _stats.RecordUse("alice", "t1");
        _repository.SaveStatsFailure = new UnauthorizedAccessException("read-only folder (test)");

        // Act
        var failure = Assert.Throws<IOException>(() => _stats.Flush());
        Assert.That(failure!.InnerException, Is.InstanceOf<UnauthorizedAccessException>());
        _repository.SaveStatsFailure = null;
        _stats.Flush();

        // Assert: the counts must not be lost because the failure was of another kind.
        Assert.That(_repository.StoredStats("alice")?["t1"].UseCount, Is.EqualTo(1));
    }

    [Test]
    public void RecordUse_Disabled_NotCounted()
    {
        // Arrange
        _enabled = false;

        // Act
        _stats.RecordUse("alice", "t1");
        _enabled = true;

        // Assert
        Assert.That(_stats.UsageOf("alice", "t1"), Is.EqualTo(TokenUsage.Never));
    }

    [Test]
    public void UsageOf_DisabledThenEnabled_NeverWhileDisabledAndStoredCountsAfter()
    {
        // Arrange
        _repository.PutStats("alice", new Dictionary<string, TokenUsage> { ["t1"] = new(7, Start.AddDays(-1)) });
        _enabled = false;

        // Act
        var whileDisabled = _stats.UsageOf("alice", "t1");
        _enabled = true;
        var afterwards = _stats.UsageOf("alice", "t1");

        // Assert: Jenkins keeps the file while statistics are off, so turning them on again shows the data.
        Assert.Multiple(() =>
        {
            Assert.That(whileDisabled, Is.EqualTo(TokenUsage.Never));
            Assert.That(afterwards, Is.EqualTo(new TokenUsage(7, Start.AddDays(-1))));
        });
    }

    [Test]
    public void Flush_Disabled_WritesNothing()
    {
        // Arrange
        _enabled = false;
        _stats.RecordUse("alice", "t1");

        // Act
        _stats.Flush();

        // Assert
        Assert.That(_repository.SavedStats, Is.Empty);
    }

    [Test]
    public void Forget_KnownToken_RemovedAndWrittenOnFlush()
    {
        // Arrange
        _stats.RecordUse("alice", "t1");
        _stats.RecordUse("alice", "t2");
        _stats.Flush();

        // Act
        _stats.Forget("alice", ["t1"]);
        _stats.Flush();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(_stats.UsageOf("alice", "t1"), Is.EqualTo(TokenUsage.Never));
            Assert.That(string.Join(",", _repository.StoredStats("alice")!.Keys), Is.EqualTo("t2"));
        });
    }

    [Test]
    public void Forget_UnknownToken_NothingToWrite()
    {
        // Arrange
        _stats.RecordUse("alice", "t1");
        _stats.Flush();

        // Act
        _stats.Forget("alice", ["unknown"]);
        _stats.Flush();

        // Assert
        Assert.That(_repository.SavedStats, Has.Count.EqualTo(1));
    }

    [Test]
    public void ForgetUser_PendingCounts_DroppedWithoutWriting()
    {
        // Arrange
        _stats.RecordUse("alice", "t1");

        // Act
        _stats.ForgetUser("ALICE");
        _stats.Flush();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(_repository.SavedStats, Is.Empty);
            Assert.That(_stats.UsageOf("alice", "t1"), Is.EqualTo(TokenUsage.Never));
        });
    }

    [Test]
    public void RecordUse_ManyThreads_NoUseLost()
    {
        // Act
        Parallel.For(0, 1000, i => _stats.RecordUse("alice", i % 2 == 0 ? "t1" : "t2"));
        _stats.Flush();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(_stats.UsageOf("alice", "t1").UseCount, Is.EqualTo(500));
            Assert.That(_stats.UsageOf("alice", "t2").UseCount, Is.EqualTo(500));
            Assert.That(_repository.StoredStats("alice")!["t1"].UseCount, Is.EqualTo(500));
        });
    }
}
