using System.Text;
using JenkinsLite.Core.Security.Secrets;

namespace JenkinsLite.Core.Tests.Security.Secrets;

internal sealed class SecretCipherTests
{
    private static readonly byte[] FallbackKey = ConfidentialKeyEnvelope.MasterKeyFromText("0123456789abcdef0123456789abcdef\n");

    [Test]
    public void TryDecrypt_BracedV1Vector_ReturnsPlaintext()
    {
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt(SecretVectors.V1Braced), Is.EqualTo(SecretVectors.V1Plaintext));
    }

    [Test]
    public void TryDecrypt_BracedV2Vector_ReturnsPlaintext()
    {
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt(SecretVectors.V2Braced), Is.EqualTo(SecretVectors.V2Plaintext));
    }

    [Test]
    public void TryDecrypt_HistoricalV2Vector_ReturnsPlaintext()
    {
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt(SecretVectors.V2Historical), Is.EqualTo(SecretVectors.V2Plaintext));
    }

    [Test]
    public void TryDecrypt_HistoricalValueWrittenByJenkins_ReturnsPlaintext()
    {
        // Arrange
        var masterKey = ConfidentialKeyEnvelope.MasterKeyFromText(SecretVectors.PreSec304MasterKey);
        var payload = ConfidentialKeyEnvelope.Unwrap(masterKey, Convert.FromBase64String(SecretVectors.PreSec304SecretFileBase64));
        Assert.That(payload, Is.Not.Null);
        var cipher = new SecretCipher(payload![..16]);

        // Act
        var plain = cipher.TryDecrypt(SecretVectors.PreSec304Historical);

        // Assert
        Assert.That(plain, Is.EqualTo(SecretVectors.PreSec304Plaintext));
    }

    [Test]
    public void TryDecrypt_HistoricalUnderSecretKeyFile_UsesFallbackKey()
    {
        // The historical format is the key-file envelope without the master key: ECB over plaintext + MAGIC.
        var stored = Convert.ToBase64String(ConfidentialKeyEnvelope.Wrap(FallbackKey, Encoding.UTF8.GetBytes("old secret")));
        var cipher = new SecretCipher(SecretVectors.V1SecretKey, FallbackKey);

        Assert.That(cipher.TryDecrypt(stored), Is.EqualTo("old secret"));
    }

    [Test]
    public void TryDecrypt_HistoricalUnderSecretKeyFileWithoutFallback_ReturnsNull()
    {
        var stored = Convert.ToBase64String(ConfidentialKeyEnvelope.Wrap(FallbackKey, Encoding.UTF8.GetBytes("old secret")));
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt(stored), Is.Null);
    }

    [Test]
    public void TryDecrypt_BracedValueUnderFallbackKey_ReturnsNull()
    {
        // Jenkins tries secret.key for the historical format only.
        var stored = new SecretCipher(FallbackKey).Encrypt("secret");
        var cipher = new SecretCipher(SecretVectors.V1SecretKey, FallbackKey);

        Assert.That(cipher.TryDecrypt(stored), Is.Null);
    }

    [TestCase(SecretVectors.V1Braced)]
    [TestCase(SecretVectors.V2Braced)]
    [TestCase(SecretVectors.V2Historical)]
    [TestCase(SecretVectors.PreSec304Historical)]
    [TestCase(SecretVectors.F1ApiToken)]
    public void TryDecrypt_WrongKey_ReturnsNull(string stored)
    {
        var cipher = new SecretCipher(ConfidentialKeyEnvelope.MasterKeyFromText("not the key"));

        Assert.That(cipher.TryDecrypt(stored), Is.Null);
    }

    [Test]
    public void TryDecrypt_F1ValueUnderV1Key_ReturnsNull()
    {
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt(SecretVectors.F1ApiToken), Is.Null);
    }

    [Test]
    public void TryDecrypt_WrongKeyPassingPadding_ReturnsNullEveryTime()
    {
        // About 8 of these 2048 wrong keys pass the CBC padding check; none may turn that into a plaintext.
        var stored = new SecretCipher(SecretVectors.V1SecretKey).Encrypt(SecretVectors.V2Plaintext, new byte[16]);
        var results = Enumerable.Range(0, 2048)
            .Select(i => new SecretCipher(ConfidentialKeyEnvelope.MasterKeyFromText($"wrong {i}")).TryDecrypt(stored));

        Assert.That(results, Is.All.Null);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{}")]
    [TestCase("{ }")]
    [TestCase("{")]
    [TestCase("not base64!")]
    [TestCase("{not base64}")]
    [TestCase("{AQ==}")]
    [TestCase("{AgAAABAAAAAg}")]
    [TestCase("plain-text-password")]
    [TestCase("QUJD")]
    public void TryDecrypt_Garbage_ReturnsNull(string stored)
    {
        var cipher = new SecretCipher(SecretVectors.V1SecretKey, FallbackKey);

        Assert.That(cipher.TryDecrypt(stored), Is.Null);
    }

    [Test]
    public void TryDecrypt_BracedWithTrailingBytes_ReturnsNull()
    {
        var payload = Convert.FromBase64String(SecretVectors.V1Braced[1..^1]);
        var stored = "{" + Convert.ToBase64String([.. payload, 0]) + "}";
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt(stored), Is.Null);
    }

    [Test]
    public void TryDecrypt_BracedWithWrongVersionByte_ReturnsNull()
    {
        var payload = Convert.FromBase64String(SecretVectors.V1Braced[1..^1]);
        payload[0] = 2;
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt("{" + Convert.ToBase64String(payload) + "}"), Is.Null);
    }

    [TestCase(" ")]
    [TestCase("\n")]
    public void TryDecrypt_WhitespaceInsideBase64_ReturnsNullAsJenkinsDoes(string whitespace)
    {
        var stored = SecretVectors.V2Historical[..20] + whitespace + SecretVectors.V2Historical[20..];
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt(stored), Is.Null);
    }

    [Test]
    public void TryDecrypt_UnpaddedBase64_IsAcceptedAsJenkinsDoes()
    {
        var stored = "{" + SecretVectors.V2Braced[1..^1].TrimEnd('=') + "}";
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.TryDecrypt(stored), Is.EqualTo(SecretVectors.V2Plaintext));
    }

    [Test]
    public void Encrypt_WithV2Iv_ReproducesV2Vector()
    {
        var iv = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        Assert.That(cipher.Encrypt(SecretVectors.V2Plaintext, iv), Is.EqualTo(SecretVectors.V2Braced));
    }

    [TestCase("7f1c0e9b2a4d6f8e0b1c2d3e4f5a6b7c")]
    [TestCase("")]
    [TestCase("pässwörd ✓ 🔑")]
    public void Encrypt_ThenTryDecrypt_RoundTrips(string plain)
    {
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        var stored = cipher.Encrypt(plain);

        Assert.That(cipher.TryDecrypt(stored), Is.EqualTo(plain));
    }

    [Test]
    public void Encrypt_LegacySecret_HasJenkinsShapeAndFreshIv()
    {
        var cipher = new SecretCipher(SecretVectors.V1SecretKey);

        var first = cipher.Encrypt(SecretVectors.V2Plaintext);
        var second = cipher.Encrypt(SecretVectors.V2Plaintext);

        Assert.That(first, Does.StartWith("{AQAAABAAAAAw").And.EndWith("}"));
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Constructor_KeyOfWrongLength_Throws()
    {
        Assert.That(() => new SecretCipher(new byte[32]), Throws.ArgumentException);
        Assert.That(() => new SecretCipher(new byte[16], new byte[15]), Throws.ArgumentException);
    }
}
