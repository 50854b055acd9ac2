using System.Security.Cryptography;
using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

internal sealed class TokenHashTests
{
    private static bool Matches(TokenHash hash, string presented)
    {
        var secret = TokenSecret.SecretBytesOf(presented);
        return hash.Matches(secret, SHA256.HashData(secret));
    }

    private static TokenHash JenkinsV11(string hashHex) => new(TokenHash.JenkinsVersion, hashHex, null);

    [TestCase(TokenGold.NewTokenSecret, TokenGold.NewTokenHash)]
    [TestCase(TokenGold.FixedTokenSecret, TokenGold.FixedTokenHash)]
    [TestCase(TokenGold.LegacyToken, TokenGold.LegacyTokenHash)]
    public void Unsalted_GoldSecret_GivesTheHashJenkinsStored(string secret, string storedHash)
    {
        // Act
        var hash = TokenHash.Unsalted(secret, legacy: false);

        // Assert
        Assert.That(hash.HashHex, Is.EqualTo(storedHash));
    }

    [Test]
    public void Unsalted_Legacy_IsJenkinsVersion10()
    {
        // Act
        var hash = TokenHash.Unsalted(TokenGold.LegacyToken, legacy: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(hash.Version, Is.EqualTo("10"));
            Assert.That(hash.IsLegacy, Is.True);
            Assert.That(hash.IsSalted, Is.False);
            Assert.That(hash.SaltHex, Is.Null);
        });
    }

    [TestCase(TokenGold.NewToken, TokenGold.NewTokenHash)]
    [TestCase(TokenGold.FixedToken, TokenGold.FixedTokenHash)]
    public void Matches_GoldTokenAgainstJenkinsV11Hash_True(string presented, string storedHash)
    {
        Assert.That(Matches(JenkinsV11(storedHash), presented), Is.True);
    }

    [Test]
    public void Matches_GoldLegacyTokenAgainstJenkinsV10Hash_True()
    {
        // Arrange
        var stored = new TokenHash(TokenHash.JenkinsLegacyVersion, TokenGold.LegacyTokenHash, null);

        // Act, Assert
        Assert.That(Matches(stored, TokenGold.LegacyToken), Is.True);
    }

    [TestCase("00")]
    [TestCase("zz")]
    [TestCase("12")]
    [TestCase("  ")]
    public void Matches_AnyTwoCharPrefixOnA34CharValue_True(string prefix)
    {
        // Jenkins drops the first two characters of a 34-character value without looking at them.
        Assert.That(Matches(JenkinsV11(TokenGold.NewTokenHash), prefix + TokenGold.NewTokenSecret), Is.True);
    }

    [Test]
    public void Matches_The32CharSecretAlone_True()
    {
        Assert.That(Matches(JenkinsV11(TokenGold.NewTokenHash), TokenGold.NewTokenSecret), Is.True);
    }

    [TestCase("1147C3B70068C7B5573342EBB6DDC7F6AE")]
    [TestCase("1147c3b70068c7b5573342ebb6ddc7f6aE")]
    [TestCase("47C3B70068C7B5573342EBB6DDC7F6AE")]
    public void Matches_UppercaseHexInPresentedValue_False(string presented)
    {
        Assert.That(Matches(JenkinsV11(TokenGold.NewTokenHash), presented), Is.False);
    }

    [TestCase("147c3b70068c7b5573342ebb6ddc7f6ae")]
    [TestCase("11147c3b70068c7b5573342ebb6ddc7f6ae")]
    [TestCase("abcd1147c3b70068c7b5573342ebb6ddc7f6ae")]
    [TestCase("")]
    public void Matches_OtherLengthsAreHashedWhole_False(string presented)
    {
        Assert.That(Matches(JenkinsV11(TokenGold.NewTokenHash), presented), Is.False);
    }

    [Test]
    public void Matches_StoredHashInUppercase_True()
    {
        // Jenkins decodes the stored hex case-insensitively.
        Assert.That(Matches(JenkinsV11(TokenGold.NewTokenHash.ToUpperInvariant()), TokenGold.NewToken), Is.True);
    }

    [TestCase("gf550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627f")]
    [TestCase("ff550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627 ")]
    [TestCase("not a hash")]
    public void Matches_NonHexStoredHash_NeverMatches(string storedHash)
    {
        Assert.That(Matches(JenkinsV11(storedHash), TokenGold.NewToken), Is.False);
    }

    [TestCase("ff550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627")]
    [TestCase("f")]
    public void Matches_OddLengthStoredHash_NeverMatches(string storedHash)
    {
        Assert.That(Matches(JenkinsV11(storedHash), TokenGold.NewToken), Is.False);
    }

    [TestCase("")]
    [TestCase("ff550856862dbee0eb2534d03d4cd9b7")]
    public void Matches_StoredHashOfWrongLength_NeverMatches(string storedHash)
    {
        Assert.That(Matches(JenkinsV11(storedHash), TokenGold.NewToken), Is.False);
    }

    [Test]
    public void Matches_VersionIsNotConsulted_V10EntryMatchesANewStyleToken()
    {
        // Jenkins compares the digest only; "10" and "11" entries are interchangeable when matching.
        var stored = new TokenHash(TokenHash.JenkinsLegacyVersion, TokenGold.NewTokenHash, null);

        Assert.That(Matches(stored, TokenGold.NewToken), Is.True);
    }

    [Test]
    public void Matches_NonAsciiCharacter_IsMatchedAsQuestionMark()
    {
        // Java's US-ASCII encoder turns every non-ASCII character into '?', and so must we.
        var stored = TokenHash.Unsalted("pa?word", legacy: false);

        Assert.Multiple(() =>
        {
            Assert.That(Matches(stored, "pa\u00dfword"), Is.True);
            Assert.That(Matches(stored, "password"), Is.False);
        });
    }

    [Test]
    public void Salted_SameSecretTwice_DifferentSaltAndHashButBothMatch()
    {
        // Act
        var first = TokenHash.Salted(TokenGold.NewTokenSecret, legacy: false);
        var second = TokenHash.Salted(TokenGold.NewTokenSecret, legacy: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.SaltHex, Is.Not.EqualTo(second.SaltHex));
            Assert.That(first.HashHex, Is.Not.EqualTo(second.HashHex));
            Assert.That(first.HashHex, Is.Not.EqualTo(TokenGold.NewTokenHash));
            Assert.That(Matches(first, TokenGold.NewToken), Is.True);
            Assert.That(Matches(second, TokenGold.NewToken), Is.True);
        });
    }

    [Test]
    public void Salted_NewToken_IsOurSaltedVersionWithSixteenByteSalt()
    {
        // Act
        var hash = TokenHash.Salted(TokenGold.NewTokenSecret, legacy: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(hash.Version, Is.EqualTo(TokenHash.SaltedVersion));
            Assert.That(hash.IsSalted, Is.True);
            Assert.That(hash.IsLegacy, Is.False);
            Assert.That(hash.SaltHex, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(hash.HashHex, Does.Match("^[0-9a-f]{64}$"));
        });
    }

    [Test]
    public void Salted_Legacy_StaysMarkedAsLegacy()
    {
        // Act
        var hash = TokenHash.Salted(TokenGold.LegacyToken, legacy: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(hash.Version, Is.EqualTo(TokenHash.SaltedLegacyVersion));
            Assert.That(hash.IsLegacy, Is.True);
            Assert.That(hash.IsSalted, Is.True);
            Assert.That(Matches(hash, TokenGold.LegacyToken), Is.True);
        });
    }

    [Test]
    public void Salted_OtherSecretOrUppercase_DoesNotMatch()
    {
        // Arrange
        var hash = TokenHash.Salted(TokenGold.NewTokenSecret, legacy: false);

        // Act, Assert
        Assert.Multiple(() =>
        {
            Assert.That(Matches(hash, TokenGold.FixedToken), Is.False);
            Assert.That(Matches(hash, TokenGold.NewToken.ToUpperInvariant()), Is.False);
        });
    }

    [Test]
    public void Matches_SaltedHashReadBackFromItsParts_StillMatches()
    {
        // Arrange: what a reload does with the stored version, hash and salt.
        var written = TokenHash.Salted(TokenGold.NewTokenSecret, legacy: false);

        // Act
        var read = new TokenHash(written.Version, written.HashHex, written.SaltHex);

        // Assert
        Assert.That(Matches(read, TokenGold.NewToken), Is.True);
    }

    [TestCase("zz")]
    [TestCase("abc")]
    public void Matches_SaltedEntryWithUnreadableSalt_NeverMatches(string salt)
    {
        // Arrange
        var written = TokenHash.Salted(TokenGold.NewTokenSecret, legacy: false);

        // Act
        var read = new TokenHash(written.Version, written.HashHex, salt);

        // Assert
        Assert.That(Matches(read, TokenGold.NewToken), Is.False);
    }

    [Test]
    public void Matches_SaltedEntryWithoutSalt_NeverMatches()
    {
        // Arrange: a "salted" entry whose salt is missing must not fall back to the unsalted comparison.
        var read = new TokenHash(TokenHash.SaltedVersion, TokenGold.NewTokenHash, null);

        // Act, Assert
        Assert.That(Matches(read, TokenGold.NewToken), Is.False);
    }

    [TestCase("0a1b2c3d", "00ff")]
    [TestCase("0A1B2C3D", "00FF")]
    [TestCase("not hex", "xyz")]
    [TestCase("not hex", "00ff")]
    [TestCase("0a1b2c3d", "xyz")]
    [TestCase("abc", "")]
    [TestCase("", null)]
    public void HashHexAndSaltHex_AsStored_WrittenBackUnchanged(string hashHex, string? saltHex)
    {
        // Act
        var hash = new TokenHash(TokenHash.SaltedVersion, hashHex, saltHex);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(hash.HashHex, Is.EqualTo(hashHex));
            Assert.That(hash.SaltHex, Is.EqualTo(saltHex));
        });
    }
}
