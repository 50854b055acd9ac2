using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

internal sealed class LegacyTokenHolderTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly User Alice = new("alice", "Alice", string.Empty, "#jbcrypt:x", ApiTokenStore.Empty, null);

    [Test]
    public void Of_NoLegacyToken_IsNull()
    {
        // Act
        var holder = LegacyTokenHolder.Of(Alice, [Token("t1", legacy: false, created: Day1, used: Day1)]);

        // Assert
        Assert.That(holder, Is.Null);
    }

    [Test]
    public void Of_LegacyNeverUsed_ComparesWithItsCreation()
    {
        // Arrange
        var tokens = new[]
        {
            Token("legacy", legacy: true, created: Day1, used: null),
            Token("newer", legacy: false, created: Day1.AddDays(2), used: null),
        };

        // Act
        var holder = LegacyTokenHolder.Of(Alice, tokens)!;

        // Assert
        Assert.That((holder.Legacy.Uuid, holder.HasFreshToken, holder.HasRecentToken), Is.EqualTo(("legacy", true, false)));
    }

    [Test]
    public void Of_LegacyUsedLast_OlderTokensAreNeitherFreshNorRecent()
    {
        // Arrange: the other token was made and used before the legacy one's last use
        var tokens = new[]
        {
            Token("legacy", legacy: true, created: Day1, used: Day1.AddDays(10)),
            Token("older", legacy: false, created: Day1.AddDays(1), used: Day1.AddDays(5)),
        };

        // Act
        var holder = LegacyTokenHolder.Of(Alice, tokens)!;

        // Assert
        Assert.That((holder.HasFreshToken, holder.HasRecentToken), Is.EqualTo((false, false)));
    }

    [Test]
    public void Of_AnotherTokenUsedAfterTheLegacyOne_IsRecent()
    {
        // Arrange
        var tokens = new[]
        {
            Token("legacy", legacy: true, created: Day1, used: Day1.AddDays(10)),
            Token("older", legacy: false, created: Day1.AddDays(1), used: Day1.AddDays(11)),
        };

        // Act
        var holder = LegacyTokenHolder.Of(Alice, tokens)!;

        // Assert
        Assert.That((holder.HasFreshToken, holder.HasRecentToken), Is.EqualTo((false, true)));
    }

    private static TokenView Token(string uuid, bool legacy, DateTimeOffset? created, DateTimeOffset? used) =>
        new(uuid, uuid, created, 0, TokenAgeLevel.None, used is null ? 0 : 1, used, legacy, null, false, false);
}
