using JenkinsLite.Core.Security.Passwords;

namespace JenkinsLite.Core.Tests.Security.Passwords;

internal sealed class PasswordHashTests
{
    // Gold pairs from api-tokens.md 5.2 (Jenkins' own test constants and fixtures).
    private const string PasswordBcrypt = "#jbcrypt:$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i";
    private const string PasswordPbkdf2 =
        "$PBKDF2$HMACSHA512:210000:92857a190ac711436e8a9cb56595d642$0d66e61da0b04283148b4a574422a17762c96c46bcd3aa587b6d447a908367fe8030bd2083dc54313639561d36cc9ac707bed72fc3400465e7dc1d6805cffb66";
    private const string AdminF1 = "#jbcrypt:$2a$10$F2wh/7ocrHLJJb2Ainaj4uVoyecKnFCFPCWOZ0bqRFg/FudHQjesO";
    private const string AdminF4 = "#jbcrypt:$2a$10$eDQD3w/iXX0VWWKb3Kv5QOKjFg0Yj3Hk9Z.Y43iFHJQOUYmHdvVuS";

    [TestCase("passwordpassword", PasswordBcrypt)]
    [TestCase("passwordpassword", PasswordPbkdf2)]
    [TestCase("admin", AdminF1)]
    [TestCase("admin", AdminF4)]
    public void Verify_GoldPair_Matches(string password, string stored)
    {
        Assert.That(PasswordHash.Verify(stored, password), Is.True);
    }

    [TestCase("passwordpassworD", PasswordBcrypt)]
    [TestCase("passwordpassword ", PasswordPbkdf2)]
    [TestCase("Admin", AdminF1)]
    [TestCase("", AdminF4)]
    public void Verify_WrongPassword_DoesNotMatch(string password, string stored)
    {
        Assert.That(PasswordHash.Verify(stored, password), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("passwordpassword")]
    [TestCase("$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i")] // bcrypt without the #jbcrypt: marker
    [TestCase("#jbcrypt:")]
    [TestCase("#jbcrypt:$2a$10$short")]
    [TestCase("#jbcrypt:$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4")] // one char short
    [TestCase("#jbcrypt:$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4ii")] // one char long
    [TestCase("#jbcrypt:$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4!")] // not bcrypt base64
    [TestCase("#jbcrypt:$2x$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i")] // buggy variant
    [TestCase("#jbcrypt:$2a$1a$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i")]
    [TestCase("#jbcrypt:$2a$00$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i")]
    [TestCase("#jbcrypt:$2a$03$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i")]
    [TestCase("#JBCRYPT:$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i")]
    [TestCase("$PBKDF2$HMACSHA512:210000:92857a190ac711436e8a9cb56595d642$0d66")]
    [TestCase("$PBKDF2$HMACSHA512::92857a190ac711436e8a9cb56595d642$0d66e61da0b04283148b4a574422a17762c96c46bcd3aa587b6d447a908367fe8030bd2083dc54313639561d36cc9ac707bed72fc3400465e7dc1d6805cffb66")]
    [TestCase("$PBKDF2$HMACSHA512:0:92857a190ac711436e8a9cb56595d642$0d66e61da0b04283148b4a574422a17762c96c46bcd3aa587b6d447a908367fe8030bd2083dc54313639561d36cc9ac707bed72fc3400465e7dc1d6805cffb66")]
    [TestCase("$PBKDF2$HMACSHA512:-1:92857a190ac711436e8a9cb56595d642$0d66e61da0b04283148b4a574422a17762c96c46bcd3aa587b6d447a908367fe8030bd2083dc54313639561d36cc9ac707bed72fc3400465e7dc1d6805cffb66")]
    [TestCase("$PBKDF2$HMACSHA512:99999999999:92857a190ac711436e8a9cb56595d642$0d66e61da0b04283148b4a574422a17762c96c46bcd3aa587b6d447a908367fe8030bd2083dc54313639561d36cc9ac707bed72fc3400465e7dc1d6805cffb66")]
    [TestCase("$PBKDF2$HMACSHA512:210000:92857a190ac711436e8a9cb56595d6zz$0d66e61da0b04283148b4a574422a17762c96c46bcd3aa587b6d447a908367fe8030bd2083dc54313639561d36cc9ac707bed72fc3400465e7dc1d6805cffb66")]
    [TestCase("$PBKDF2$HMACSHA256:210000:92857a190ac711436e8a9cb56595d642$0d66e61da0b04283148b4a574422a17762c96c46bcd3aa587b6d447a908367fe8030bd2083dc54313639561d36cc9ac707bed72fc3400465e7dc1d6805cffb66")]
    public void Verify_MalformedOrUnrecognisedHash_DoesNotMatch(string? stored)
    {
        Assert.That(PasswordHash.Verify(stored, "passwordpassword"), Is.False);
    }

    [TestCase("19")]
    [TestCase("31")]
    [TestCase("99")]
    public void Verify_CostAbove18_RefusedWithoutHashing(string cost)
    {
        // Well-formed but too expensive: cost 19 alone would take many seconds per attempt.
        var stored = "#jbcrypt:$2a$" + cost + "$" + PasswordBcrypt["#jbcrypt:$2a$10$".Length..];
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = PasswordHash.Verify(stored, "passwordpassword");

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.False);
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
        });
    }

    [TestCase("$2b$")]
    [TestCase("$2y$")]
    public void Verify_OtherBcryptRevision_Matches(string revision)
    {
        var stored = "#jbcrypt:" + revision + PasswordBcrypt["#jbcrypt:$2a$".Length..];

        Assert.That(PasswordHash.Verify(stored, "passwordpassword"), Is.True);
    }

    [Test]
    public void Verify_UppercaseHexPbkdf2_Matches()
    {
        var stored = "$PBKDF2$HMACSHA512:210000:" + PasswordPbkdf2["$PBKDF2$HMACSHA512:210000:".Length..].ToUpperInvariant();

        Assert.That(PasswordHash.Verify(stored, "passwordpassword"), Is.True);
    }

    [Test]
    public void Verify_Pbkdf2WithOtherIterationCount_UsesCountFromHash()
    {
        var salt = Convert.FromHexString("92857a190ac711436e8a9cb56595d642");
        var key = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            "s3cret-password", salt, 1000, System.Security.Cryptography.HashAlgorithmName.SHA512, 64);
        var stored = "$PBKDF2$HMACSHA512:1000:92857a190ac711436e8a9cb56595d642$" + Convert.ToHexStringLower(key);

        Assert.Multiple(() =>
        {
            Assert.That(PasswordHash.Verify(stored, "s3cret-password"), Is.True);
            Assert.That(PasswordHash.Verify(stored.Replace(":1000:", ":1001:", StringComparison.Ordinal), "s3cret-password"), Is.False);
        });
    }

    [Test]
    public void Verify_PasswordLongerThan72Bytes_OnlyFirst72BytesCount()
    {
        var first72 = new string('p', 72);
        var stored = PasswordHash.HashNew(first72);

        Assert.Multiple(() =>
        {
            Assert.That(PasswordHash.Verify(stored, first72 + "anything after"), Is.True);
            Assert.That(PasswordHash.Verify(stored, first72[..71]), Is.False);
            Assert.That(PasswordHash.Verify(stored, first72[..71] + "q" + "tail"), Is.False);
        });
    }

    [Test]
    public void Verify_UnpairedSurrogate_DoesNotThrow()
    {
        Assert.That(PasswordHash.Verify(PasswordBcrypt, "pass\uD800word"), Is.False);
    }

    [Test]
    public void HashNew_Password_IsJbcrypt2aCost10AndVerifies()
    {
        var stored = PasswordHash.HashNew("correct horse");

        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.StartWith("#jbcrypt:$2a$10$"));
            Assert.That(stored, Has.Length.EqualTo("#jbcrypt:".Length + 60));
            Assert.That(PasswordHash.Verify(stored, "correct horse"), Is.True);
            Assert.That(PasswordHash.Verify(stored, "correct horsE"), Is.False);
        });
    }

    [Test]
    public void HashNew_SamePasswordTwice_UsesFreshSalt()
    {
        var first = PasswordHash.HashNew("same");
        var second = PasswordHash.HashNew("same");

        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public void HashNew_NonAsciiPassword_Verifies()
    {
        var stored = PasswordHash.HashNew("pässwörd-日本");

        Assert.That(PasswordHash.Verify(stored, "pässwörd-日本"), Is.True);
    }

    [Test]
    public void HashNew_PasswordOver72Bytes_Throws()
    {
        // 36 two-byte characters are exactly 72 bytes; one more ASCII byte is too many.
        var exactly72 = new string('é', 36);

        Assert.Multiple(() =>
        {
            Assert.That(PasswordHash.ExceedsBcryptLimit(exactly72), Is.False);
            Assert.That(PasswordHash.ExceedsBcryptLimit(exactly72 + "x"), Is.True);
            Assert.That(() => PasswordHash.HashNew(exactly72 + "x"), Throws.ArgumentException);
            Assert.That(PasswordHash.Verify(PasswordHash.HashNew(exactly72), exactly72), Is.True);
        });
    }
}
