using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

/// <summary>Uuids are kept as Guids where they can be, and every other text as it was.</summary>
internal sealed class ApiTokenStoreUuidTests
{
    private const string Canonical = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private static HashedToken Token(string uuid) =>
        new(uuid, "ci", null, null, TokenHash.Salted("secret", legacy: false));

    [TestCase(Canonical)]
    [TestCase("3F2504E0-4F89-11D3-9A0C-0305E82C3301")]
    [TestCase("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}")]
    [TestCase(" 3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [TestCase("00000000-0000-0000-0000-000000000000")]
    [TestCase("ci-token-1")]
    public void Uuid_AsGiven_ComesBackTheSameAndFindsItsToken(string uuid)
    {
        // Act
        var store = ApiTokenStore.Of([Token(uuid)]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(store.Tokens.Single().Uuid, Is.EqualTo(uuid));
            Assert.That(store.Find(uuid)?.Uuid, Is.EqualTo(uuid));
            Assert.That(store.Remove(uuid).Tokens, Is.Empty);
        });
    }

    [TestCase(Canonical, "3F2504E0-4F89-11D3-9A0C-0305E82C3301")]
    [TestCase("3F2504E0-4F89-11D3-9A0C-0305E82C3301", Canonical)]
    [TestCase(Canonical, "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}")]
    public void Find_SameGuidWrittenOtherwise_NotFound(string stored, string asked)
    {
        // Arrange: uuids are compared as texts, as Jenkins compares them.
        var store = ApiTokenStore.Of([Token(stored)]);

        // Act, Assert
        Assert.Multiple(() =>
        {
            Assert.That(store.Find(asked), Is.Null);
            Assert.That(store.Remove(asked).Tokens, Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Equals_OneCopyAskedForItsUuid_StillEqual()
    {
        // Arrange: the text of a uuid is made when first asked for; that must not make two equal tokens differ.
        var token = Token(Canonical);
        var copy = token with { Name = "ci" };

        // Act
        _ = token.Uuid;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(copy, Is.EqualTo(token));
            Assert.That(copy.GetHashCode(), Is.EqualTo(token.GetHashCode()));
            Assert.That(token with { Uuid = "3F2504E0-4F89-11D3-9A0C-0305E82C3301" }, Is.Not.EqualTo(token));
        });
    }
}
