using System.Text;
using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

internal sealed class TokenSecretTests
{
    [Test]
    public void TryParseFixed_JenkinsTestValue_AcceptedWithoutPrefix()
    {
        // Act
        var ok = TokenSecret.TryParseFixed(TokenGold.FixedToken, out var secret);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(secret, Is.EqualTo(TokenGold.FixedTokenSecret));
        });
    }

    [Test]
    public void TryParseFixed_UppercaseHex_AcceptedAndLowerCased()
    {
        // Jenkins lower-cases the value before checking it, and hashes the lower-cased secret.
        var ok = TokenSecret.TryParseFixed("110123456789ABCDEF0123456789ABCDEF", out var secret);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(secret, Is.EqualTo(TokenGold.FixedTokenSecret));
        });
    }

    // The invalid values of Jenkins' ApiTokenPropertyTest (api-tokens.md 5.2), and a few more.
    [TestCase("110123456789abcdef0123456789abcdefg")] // 35 characters
    [TestCase("110123456789abcdef0123456789abcde")] // 33 characters
    [TestCase("110123456789abcdef0123456789abcdeg")] // not hex
    [TestCase("120123456789abcdef0123456789abcdef")] // version 12
    [TestCase("0123456789abcdef0123456789abcdef")]
    [TestCase("")]
    [TestCase("110123456789abcdef0123456789abcde ")]
    [TestCase("11-123456789abcdef0123456789abcdef")]
    public void TryParseFixed_InvalidValue_Refused(string value)
    {
        // Act
        var ok = TokenSecret.TryParseFixed(value, out var secret);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(secret, Is.Empty);
        });
    }

    [Test]
    public void SecretBytesOf_34Chars_DropsFirstTwo()
    {
        Assert.That(Encoding.ASCII.GetString(TokenSecret.SecretBytesOf(TokenGold.NewToken)), Is.EqualTo(TokenGold.NewTokenSecret));
    }

    [TestCase(TokenGold.LegacyToken)]
    [TestCase("11" + TokenGold.LegacyToken + "0")]
    [TestCase("x")]
    public void SecretBytesOf_OtherLength_KeepsWholeValue(string presented)
    {
        Assert.That(Encoding.ASCII.GetString(TokenSecret.SecretBytesOf(presented)), Is.EqualTo(presented));
    }

    [Test]
    public void SecretBytesOf_NonAscii_BecomesQuestionMark()
    {
        Assert.That(TokenSecret.SecretBytesOf("a\u00e9b\u4e2d"), Is.EqualTo("a?b?"u8.ToArray()));
    }

    [Test]
    public void NewSecret_TwoCalls_ThirtyTwoLowercaseHexAndDifferent()
    {
        // Act
        var first = TokenSecret.NewSecret();
        var second = TokenSecret.NewSecret();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(second, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(first, Is.Not.EqualTo(second));
        });
    }
}
