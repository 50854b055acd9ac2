using JenkinsLite.Server.Security;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>The throttle's windows, on a clock the test moves: fast unit tests beside the server-level ones.</summary>
internal sealed class AuthFailureThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private FakeTimeProvider _clock = null!;
    private MemoryCache _cache = null!;
    private AuthFailureThrottle _throttle = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        _cache = new MemoryCache(new MemoryCacheOptions());
        _throttle = new AuthFailureThrottle(_cache, threshold: 3, Window, _clock);
    }

    [TearDown]
    public void TearDown() => _cache.Dispose();

    [Test]
    public void BelowThreshold_MayTry_AtThreshold_WaitsForTheRestOfTheWindow()
    {
        _throttle.RecordFailure("Mona", "10.0.0.1");
        _throttle.RecordFailure("mona", "10.0.0.1");
        var belowThreshold = _throttle.RetryAfter("mona", "10.0.0.1");
        _clock.Advance(TimeSpan.FromSeconds(20));
        _throttle.RecordFailure("MONA", "10.0.0.1");

        Assert.Multiple(() =>
        {
            Assert.That(belowThreshold, Is.Null);
            Assert.That(_throttle.RetryAfter("mona", "10.0.0.1"), Is.EqualTo(TimeSpan.FromSeconds(40)));
            Assert.That(_throttle.RetryAfter("mona", "10.0.0.2"), Is.Null, "another address");
            Assert.That(_throttle.RetryAfter("other", "10.0.0.1"), Is.Null, "another user");
        });
    }

    [Test]
    public void AfterTheWindowEnds_ThePairMayTryAgain_AndALaterWindowStillCounts()
    {
        for (var i = 0; i < 3; i++)
        {
            _throttle.RecordFailure("mona", "10.0.0.1");
        }

        _clock.Advance(Window);
        var afterWindow = _throttle.RetryAfter("mona", "10.0.0.1");
        _throttle.Reset("mona", "10.0.0.1");
        for (var i = 0; i < 3; i++)
        {
            _throttle.RecordFailure("mona", "10.0.0.1");
        }

        Assert.Multiple(() =>
        {
            Assert.That(afterWindow, Is.Null);
            Assert.That(_throttle.RetryAfter("mona", "10.0.0.1"), Is.EqualTo(Window));
        });
    }
}
