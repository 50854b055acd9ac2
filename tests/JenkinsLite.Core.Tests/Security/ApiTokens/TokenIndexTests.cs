using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

internal sealed class TokenIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private static HashedToken Token(string uuid, string secret, DateOnly? expiration = null, bool salted = true) =>
        new(uuid, "token " + uuid, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), expiration,
            salted ? TokenHash.Salted(secret, legacy: false) : TokenHash.Unsalted(secret, legacy: false));

    private static ApiTokenStore ManyTokens(params HashedToken[] extra) =>
        ApiTokenStore.Of([.. Enumerable.Range(0, 20).Select(i => Token("t" + i, "secret-" + i)), .. extra]);

    [Test]
    public void FindMatch_SameSecretTwice_SameTokenBothTimes()
    {
        // Arrange
        using var index = new TokenIndex();
        var store = ManyTokens();

        // Act: the first use tries every token, the second finds the remembered one.
        var first = index.FindMatch("alice", store, "secret-7", Now, out _);
        var second = index.FindMatch("alice", store, "secret-7", Now, out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first?.Uuid, Is.EqualTo("t7"));
            Assert.That(second?.Uuid, Is.EqualTo("t7"));
            Assert.That(matchedExpired, Is.False);
        });
    }

    [Test]
    public void FindMatch_RememberedTokenRevoked_Refused()
    {
        // Arrange: remembered, then revoked (the user's store no longer holds it).
        using var index = new TokenIndex();
        var store = ManyTokens();
        _ = index.FindMatch("alice", store, "secret-3", Now, out _);
        var revoked = store.Remove("t3");

        // Act
        var match = index.FindMatch("alice", revoked, "secret-3", Now, out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(match, Is.Null);
            Assert.That(matchedExpired, Is.False);
        });
    }

    [Test]
    public void FindMatch_RememberedForOneUser_NotFoundForAnother()
    {
        // Arrange
        using var index = new TokenIndex();
        _ = index.FindMatch("alice", ManyTokens(), "secret-3", Now, out _);

        // Act: bob's store holds a token with the same uuid but another secret (and enough tokens to be indexed).
        var bobs = ApiTokenStore.Of([Token("t3", "bobs-secret"), .. Enumerable.Range(0, TokenIndex.CheckedDirectly).Select(i => Token("b" + i, "bob-" + i))]);
        var match = index.FindMatch("bob", bobs, "secret-3", Now, out _);

        // Assert
        Assert.That(match, Is.Null);
    }

    [Test]
    public void FindMatch_RememberedTokenReplacedUnderSameUuid_NewSecretOnly()
    {
        // Arrange: the same uuid now carries another hash (a store read again with other contents).
        using var index = new TokenIndex();
        var store = ManyTokens();
        _ = index.FindMatch("alice", store, "secret-5", Now, out _);
        var replaced = store.Replace(Token("t5", "changed"));

        // Act
        var old = index.FindMatch("alice", replaced, "secret-5", Now, out _);
        var fresh = index.FindMatch("alice", replaced, "changed", Now, out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(old, Is.Null);
            Assert.That(fresh?.Uuid, Is.EqualTo("t5"));
        });
    }

    [Test]
    public void FindMatch_RememberedTokenExpired_NullAndExpiredFlagged()
    {
        // Arrange
        using var index = new TokenIndex();
        var store = ManyTokens(Token("soon", "expiring", expiration: DateOnly.FromDateTime(Now.UtcDateTime)));
        var before = index.FindMatch("alice", store, "expiring", Now, out _);

        // Act: two days later.
        var after = index.FindMatch("alice", store, "expiring", Now.AddDays(2), out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before?.Uuid, Is.EqualTo("soon"));
            Assert.That(after, Is.Null);
            Assert.That(matchedExpired, Is.True);
        });
    }

    [Test]
    public void FindMatch_UnsaltedJenkinsEntry_MatchesAgainFromTheIndex()
    {
        // Arrange
        using var index = new TokenIndex();
        var store = ManyTokens(Token("jenkins", "unsalted-secret", salted: false));

        // Act
        var first = index.FindMatch("alice", store, "unsalted-secret", Now, out _);
        var second = index.FindMatch("alice", store, "unsalted-secret", Now, out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first?.Uuid, Is.EqualTo("jenkins"));
            Assert.That(second?.Uuid, Is.EqualTo("jenkins"));
        });
    }

    [Test]
    public void FindMatch_FewTokens_CheckedDirectlyAndNotRemembered()
    {
        // Arrange
        using var index = new TokenIndex();
        var store = ApiTokenStore.Of([.. Enumerable.Range(0, TokenIndex.CheckedDirectly).Select(i => Token("t" + i, "secret-" + i))]);

        // Act
        var first = index.FindMatch("alice", store, "secret-1", Now, out _);
        var second = index.FindMatch("alice", store, "secret-1", Now, out _);
        var wrong = index.FindMatch("alice", store, "wrong", Now, out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first?.Uuid, Is.EqualTo("t1"));
            Assert.That(second?.Uuid, Is.EqualTo("t1"));
            Assert.That(wrong, Is.Null);
            Assert.That(index.Count, Is.Zero);
        });
    }

    [TestCase("")]
    [TestCase("wrong")]
    public void FindMatch_NoToken_Null(string presented)
    {
        // Arrange
        using var index = new TokenIndex();

        // Act
        var match = index.FindMatch("alice", ManyTokens(), presented, Now, out var matchedExpired);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(match, Is.Null);
            Assert.That(matchedExpired, Is.False);
        });
    }

    [Test]
    public void Forget_SomeTokensOfAUser_OnlyTheirEntriesGo()
    {
        // Arrange
        using var index = AliceTwiceBobOnce();

        // Act
        index.Forget("alice", ["t1"]);

        // Assert
        Assert.That(index.Count, Is.EqualTo(2));
    }

    [Test]
    public void Forget_EveryTokenOfAUser_NoneOfTheirsLeft()
    {
        // Arrange
        using var index = AliceTwiceBobOnce();

        // Act
        index.Forget("alice", null);

        // Assert
        Assert.That(index.Count, Is.EqualTo(1));
    }

    // alice's t1 and t2 and bob's t1 (the same uuid, another user) remembered.
    private static TokenIndex AliceTwiceBobOnce()
    {
        var index = new TokenIndex();
        var store = ManyTokens();
        _ = index.FindMatch("alice", store, "secret-1", Now, out _);
        _ = index.FindMatch("alice", store, "secret-2", Now, out _);
        _ = index.FindMatch("bob", store, "secret-1", Now, out _);
        return index;
    }
}
