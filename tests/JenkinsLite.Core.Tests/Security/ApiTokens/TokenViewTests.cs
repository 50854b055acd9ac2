using JenkinsLite.Core.Security.ApiTokens;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

internal sealed class TokenViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 12, 30, 0, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    [SetUp]
    public void StartClock()
    {
        _clock = new FakeTimeProvider(Now);
    }

    private static HashedToken Token(DateTimeOffset? created, DateOnly? expiration = null, bool legacy = false) =>
        new("uuid-1", "ci-bot", created, expiration, TokenHash.Salted("secret", legacy));

    [TestCase(0, TokenAgeLevel.None)]
    [TestCase(180, TokenAgeLevel.None)]
    [TestCase(181, TokenAgeLevel.Orange)]
    [TestCase(360, TokenAgeLevel.Orange)]
    [TestCase(361, TokenAgeLevel.Red)]
    [TestCase(1000, TokenAgeLevel.Red)]
    public void Of_CreatedDaysAgo_AgeAndLevelAsJenkins(int days, TokenAgeLevel level)
    {
        // Arrange
        var token = Token(_clock.GetUtcNow().AddDays(-days));

        // Act
        var view = TokenView.Of(token, TokenUsage.Never, _clock.GetUtcNow());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(view.AgeInDays, Is.EqualTo(days));
            Assert.That(view.AgeLevel, Is.EqualTo(level));
        });
    }

    [Test]
    public void Of_ClockMovesPastTheDay_LevelChanges()
    {
        // Arrange
        var token = Token(_clock.GetUtcNow().AddDays(-180));
        var before = TokenView.Of(token, TokenUsage.Never, _clock.GetUtcNow());

        // Act
        _clock.Advance(TimeSpan.FromDays(1));
        var after = TokenView.Of(token, TokenUsage.Never, _clock.GetUtcNow());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before.AgeLevel, Is.EqualTo(TokenAgeLevel.None));
            Assert.That(after.AgeLevel, Is.EqualTo(TokenAgeLevel.Orange));
            Assert.That(after.AgeInDays, Is.EqualTo(181));
        });
    }

    [Test]
    public void Of_CreatedLateYesterday_CountsCalendarDays()
    {
        // Arrange: two minutes apart, but on two different days.
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 0, 1, 0, TimeSpan.Zero));
        var token = Token(new DateTimeOffset(2026, 3, 3, 23, 59, 0, TimeSpan.Zero));

        // Act
        var view = TokenView.Of(token, TokenUsage.Never, _clock.GetUtcNow());

        // Assert
        Assert.That(view.AgeInDays, Is.EqualTo(1));
    }

    [Test]
    public void Of_NoCreationDate_NoAgeAndNoLevel()
    {
        // Act: a legacy entry migrated from <apiToken> has no creation date.
        var view = TokenView.Of(Token(null, legacy: true), TokenUsage.Never, _clock.GetUtcNow());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(view.AgeInDays, Is.Null);
            Assert.That(view.AgeLevel, Is.EqualTo(TokenAgeLevel.None));
            Assert.That(view.Legacy, Is.True);
        });
    }

    [Test]
    public void Of_ExpiresToday_StillValidAndAboutToExpire()
    {
        // Act
        var view = TokenView.Of(Token(Now, Today), TokenUsage.Never, _clock.GetUtcNow());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(view.Expired, Is.False);
            Assert.That(view.AboutToExpire, Is.True);
            Assert.That(view.ExpirationDate, Is.EqualTo(Today));
        });
    }

    [Test]
    public void Of_ExpiredYesterday_Expired()
    {
        // Act
        var view = TokenView.Of(Token(Now.AddDays(-30), Today.AddDays(-1)), TokenUsage.Never, _clock.GetUtcNow());

        // Assert
        Assert.That(view.Expired, Is.True);
    }

    [TestCase(1, true)]
    [TestCase(6, true)]
    [TestCase(7, false)]
    [TestCase(30, false)]
    public void Of_ExpiresInDays_AboutToExpireOnlyUnderSevenDays(int days, bool aboutToExpire)
    {
        // Act
        var view = TokenView.Of(Token(Now, Today.AddDays(days)), TokenUsage.Never, _clock.GetUtcNow());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(view.Expired, Is.False);
            Assert.That(view.AboutToExpire, Is.EqualTo(aboutToExpire));
        });
    }

    [Test]
    public void Of_NoExpiration_NeitherExpiredNorAboutToExpire()
    {
        // Act
        var view = TokenView.Of(Token(Now), TokenUsage.Never, _clock.GetUtcNow());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(view.ExpirationDate, Is.Null);
            Assert.That(view.Expired, Is.False);
            Assert.That(view.AboutToExpire, Is.False);
        });
    }

    [Test]
    public void Of_Usage_ShownWithTokenIdentity()
    {
        // Arrange
        var lastUse = Now.AddHours(-2);
        var token = Token(Now.AddDays(-3));

        // Act
        var view = TokenView.Of(token, new TokenUsage(42, lastUse), _clock.GetUtcNow());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(view.Uuid, Is.EqualTo("uuid-1"));
            Assert.That(view.Name, Is.EqualTo("ci-bot"));
            Assert.That(view.CreationDate, Is.EqualTo(Now.AddDays(-3)));
            Assert.That(view.UseCount, Is.EqualTo(42));
            Assert.That(view.LastUseDate, Is.EqualTo(lastUse));
            Assert.That(view.Legacy, Is.False);
        });
    }
}
