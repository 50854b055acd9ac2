using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Core.Security.Secrets;

namespace JenkinsLite.Core.Tests.Security.Secrets;

internal sealed class ConfidentialKeyEnvelopeTests
{
    [Test]
    public void Unwrap_V1SecretFile_ReturnsPayloadWithJenkinsKey()
    {
        // Arrange
        var masterKey = ConfidentialKeyEnvelope.MasterKeyFromText(SecretVectors.V1MasterKey);

        // Act
        var payload = ConfidentialKeyEnvelope.Unwrap(masterKey, Convert.FromBase64String(SecretVectors.V1SecretFileBase64));

        // Assert
        Assert.That(payload, Is.Not.Null);
        Assert.That(payload, Has.Length.EqualTo(256));
        Assert.That(Convert.ToHexStringLower(payload![..16]), Is.EqualTo(SecretVectors.V1SecretKeyHex));
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("  \t")]
    public void MasterKeyFromText_SurroundingWhitespace_IsTrimmed(string whitespace)
    {
        var plain = ConfidentialKeyEnvelope.MasterKeyFromText(SecretVectors.V1MasterKey);

        var padded = ConfidentialKeyEnvelope.MasterKeyFromText(whitespace + SecretVectors.V1MasterKey + whitespace);

        Assert.That(padded, Is.EqualTo(plain));
    }

    [Test]
    public void MasterKeyFromText_Always_ReturnsFirst16BytesOfSha256()
    {
        var key = ConfidentialKeyEnvelope.MasterKeyFromText("abc");

        Assert.That(key, Is.EqualTo(SHA256.HashData("abc"u8)[..16]));
    }

    [Test]
    public void Unwrap_WrongMasterKey_ReturnsNull()
    {
        var wrongKey = ConfidentialKeyEnvelope.MasterKeyFromText(SecretVectors.PreSec304MasterKey);

        var payload = ConfidentialKeyEnvelope.Unwrap(wrongKey, Convert.FromBase64String(SecretVectors.V1SecretFileBase64));

        Assert.That(payload, Is.Null);
    }

    [TestCase(0)]
    [TestCase(15)]
    [TestCase(271)]
    public void Unwrap_TruncatedFile_ReturnsNull(int length)
    {
        var masterKey = ConfidentialKeyEnvelope.MasterKeyFromText(SecretVectors.V1MasterKey);
        var file = Convert.FromBase64String(SecretVectors.V1SecretFileBase64)[..length];

        Assert.That(ConfidentialKeyEnvelope.Unwrap(masterKey, file), Is.Null);
    }

    [Test]
    public void Unwrap_EncryptedWithoutMagic_ReturnsNull()
    {
        var masterKey = ConfidentialKeyEnvelope.MasterKeyFromText("key");
        using var aes = Aes.Create();
        aes.Key = masterKey;
        var file = aes.EncryptEcb(Encoding.ASCII.GetBytes("payload without the trailer"), PaddingMode.PKCS7);

        Assert.That(ConfidentialKeyEnvelope.Unwrap(masterKey, file), Is.Null);
    }

    [TestCase(0, 16)]
    [TestCase(32, 48)]
    [TestCase(256, 272)]
    public void Wrap_ThenUnwrap_RoundTripsWithJenkinsFileLength(int payloadLength, int fileLength)
    {
        var masterKey = ConfidentialKeyEnvelope.MasterKeyFromText("some master key text");
        var payload = RandomNumberGenerator.GetBytes(payloadLength);

        var file = ConfidentialKeyEnvelope.Wrap(masterKey, payload);

        Assert.That(file, Has.Length.EqualTo(fileLength));
        Assert.That(ConfidentialKeyEnvelope.Unwrap(masterKey, file), Is.EqualTo(payload));
    }

    [Test]
    public void Wrap_KeyOfWrongLength_Throws()
    {
        Assert.That(() => ConfidentialKeyEnvelope.Wrap(new byte[32], [1, 2, 3]), Throws.ArgumentException);
    }
}
