using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

internal sealed class ApiTokenStoreTests
{
    private static readonly DateOnly Today = new(2026, 3, 3);

    private static HashedToken Token(string uuid, string secret, DateOnly? expiration = null, bool legacy = false, bool salted = true) =>
        new(uuid, "token " + uuid, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), expiration,
            salted ? TokenHash.Salted(secret, legacy) : TokenHash.Unsalted(secret, legacy));

    private static string Uuids(ApiTokenStore store) => string.Join(",", store.Tokens.Select(t => t.Uuid));

    [Test]
    public void FindMatch_JenkinsUnsaltedEntries_MatchGoldValues()
    {
        // Arrange: the entries a migrated Jenkins home holds.
        var store = ApiTokenStore.Of(
        [
            new HashedToken("legacy", "Legacy Token", null, null,
                new TokenHash(TokenHash.JenkinsLegacyVersion, TokenGold.LegacyTokenHash, null)),
            new HashedToken("new", "ci-bot", null, null, new TokenHash(TokenHash.JenkinsVersion, TokenGold.NewTokenHash, null)),
            new HashedToken("fixed", "deploy", null, null, new TokenHash(TokenHash.JenkinsVersion, TokenGold.FixedTokenHash, null)),
        ]);

        // Act, Assert
        Assert.Multiple(() =>
        {
            Assert.That(store.FindMatch(TokenGold.LegacyToken, Today, out _)?.Uuid, Is.EqualTo("legacy"));
            Assert.That(store.FindMatch(TokenGold.NewToken, Today, out _)?.Uuid, Is.EqualTo("new"));
            Assert.That(store.FindMatch(TokenGold.FixedToken, Today, out _)?.Uuid, Is.EqualTo("fixed"));
            Assert.That(store.FindMatch(TokenGold.Password, Today, out _), Is.Null);
        });
    }

    [Test]
    public void FindMatch_TwoTokensWithSameSecret_FirstInStoredOrderWins()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("a", "shared"), Token("b", "shared")]);

        // Act
        var match = store.FindMatch("shared", Today, out _);

        // Assert
        Assert.That(match?.Uuid, Is.EqualTo("a"));
    }

    [Test]
    public void FindMatch_ExpiredFirstThenValid_ValidOneAndExpiredFlagged()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("old", "shared", Today.AddDays(-1)), Token("new", "shared")]);

        // Act
        var match = store.FindMatch("shared", Today, out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(match?.Uuid, Is.EqualTo("new"));
            Assert.That(matchedExpired, Is.True);
        });
    }

    [Test]
    public void FindMatch_OnlyAnExpiredToken_NullAndExpiredFlagged()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("other", "other"), Token("old", "secret", Today.AddDays(-1))]);

        // Act
        var match = store.FindMatch("secret", Today, out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(match, Is.Null);
            Assert.That(matchedExpired, Is.True);
        });
    }

    [Test]
    public void FindMatch_TokenExpiringToday_StillMatches()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("today", "secret", Today)]);

        // Act
        var match = store.FindMatch("secret", Today, out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(match?.Uuid, Is.EqualTo("today"));
            Assert.That(matchedExpired, Is.False);
        });
    }

    [Test]
    public void FindMatch_ExpiredUnsaltedJenkinsEntry_NeverMatches()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("fixed", TokenGold.FixedTokenSecret, Today.AddDays(-1), salted: false)]);

        // Act
        var match = store.FindMatch(TokenGold.FixedToken, Today, out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(match, Is.Null);
            Assert.That(matchedExpired, Is.True);
        });
    }

    [TestCase("")]
    [TestCase("wrong")]
    public void FindMatch_NoMatch_NullAndNotFlagged(string presented)
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("a", "secret")]);

        // Act
        var match = store.FindMatch(presented, Today, out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(match, Is.Null);
            Assert.That(matchedExpired, Is.False);
        });
    }

    [Test]
    public void FindMatch_EmptyStore_Null()
    {
        Assert.That(ApiTokenStore.Empty.FindMatch(TokenGold.NewToken, Today, out _), Is.Null);
    }

    [Test]
    public void Add_ReturnsNewStore_OriginalUnchanged()
    {
        // Arrange
        var original = ApiTokenStore.Of([Token("a", "one")]);

        // Act
        var added = original.Add(Token("b", "two"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Uuids(original), Is.EqualTo("a"));
            Assert.That(Uuids(added), Is.EqualTo("a,b"));
        });
    }

    [Test]
    public void Replace_KnownUuid_KeepsPosition()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("a", "one"), Token("b", "two"), Token("c", "three")]);

        // Act
        var replaced = store.Replace(store.Find("b")! with { Name = "renamed" });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Uuids(replaced), Is.EqualTo("a,b,c"));
            Assert.That(replaced.Find("b")!.Name, Is.EqualTo("renamed"));
            Assert.That(store.Find("b")!.Name, Is.EqualTo("token b"));
        });
    }

    [Test]
    public void Replace_UnknownUuid_SameStore()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("a", "one")]);

        // Act
        var replaced = store.Replace(Token("zzz", "other"));

        // Assert
        Assert.That(replaced, Is.SameAs(store));
    }

    [Test]
    public void Remove_Uuid_OnlyThatTokenGone()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("a", "one"), Token("b", "two")]);

        // Act
        var removed = store.Remove("a");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Uuids(removed), Is.EqualTo("b"));
            Assert.That(removed.FindMatch("one", Today, out _), Is.Null);
            Assert.That(removed.FindMatch("two", Today, out _)?.Uuid, Is.EqualTo("b"));
        });
    }

    [Test]
    public void RemoveAllExcept_Uuid_KeepsOnlyThatOne()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("a", "one"), Token("b", "two"), Token("c", "three")]);

        // Act
        var kept = store.RemoveAllExcept("b");

        // Assert
        Assert.That(Uuids(kept), Is.EqualTo("b"));
    }

    [Test]
    public void LegacyAndRemoveLegacy_MixedStore_FindAndRemoveOnlyLegacyEntries()
    {
        // Arrange
        var store = ApiTokenStore.Of([Token("a", "one"), Token("legacy", "two", legacy: true), Token("c", "three")]);

        // Act
        var withoutLegacy = store.RemoveLegacy();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(store.Legacy?.Uuid, Is.EqualTo("legacy"));
            Assert.That(withoutLegacy.Legacy, Is.Null);
            Assert.That(Uuids(withoutLegacy), Is.EqualTo("a,c"));
        });
    }
}
