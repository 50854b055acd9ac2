using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace JenkinsLite.Core.Security.Secrets;

/// <summary>
/// Jenkins' <c>hudson.util.Secret</c> text format. Writes the braced V1 form
/// (<c>{base64(0x01 | IV length | data length | IV | AES-128-CBC data)}</c>) and reads it plus the historical
/// un-braced form (base64 of AES-128-ECB over <c>plaintext + "::::MAGIC::::"</c>).
/// </summary>
public sealed class SecretCipher
{
    private const byte PayloadV1 = 0x01;
    private const int HeaderLength = 9;
    private const int IvLength = 16;
    private const string HistoricalMagic = "::::MAGIC::::";

    private static readonly SearchValues<char> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _key;
    private readonly byte[]? _fallbackKey;

    /// <param name="secretKey">The first 16 bytes of the <c>secrets/hudson.util.Secret</c> payload.</param>
    /// <param name="fallbackKey">
    /// The key derived from <c>JENKINS_HOME/secret.key</c> (see <see cref="ConfidentialKeyEnvelope.MasterKeyFromText"/>),
    /// tried for historical values only.
    /// </param>
    public SecretCipher(byte[] secretKey, byte[]? fallbackKey = null)
    {
        ConfidentialKeyEnvelope.RequireAesKey(secretKey);
        if (fallbackKey is not null)
        {
            ConfidentialKeyEnvelope.RequireAesKey(fallbackKey);
        }

        _key = [.. secretKey];
        _fallbackKey = fallbackKey is null ? null : [.. fallbackKey];
    }

    /// <summary>The plaintext, or null when the text is not a value these keys encrypted.</summary>
    public string? TryDecrypt(string storedText)
    {
        if (string.IsNullOrWhiteSpace(storedText))
        {
            return null;
        }

        if (storedText.Length >= 2 && storedText[0] == '{' && storedText[^1] == '}')
        {
            return TryDecodeJavaBase64(storedText[1..^1], out var payload) ? TryDecryptV1(payload) : null;
        }

        if (!TryDecodeJavaBase64(storedText, out var historical))
        {
            return null;
        }

        return TryDecryptHistorical(_key, historical)
            ?? (_fallbackKey is null ? null : TryDecryptHistorical(_fallbackKey, historical));
    }

    public string Encrypt(string plainText) => Encrypt(plainText, RandomNumberGenerator.GetBytes(IvLength));

    internal string Encrypt(string plainText, byte[] iv)
    {
        if (iv.Length != IvLength)
        {
            throw new ArgumentException($"The IV has {IvLength} bytes, not {iv.Length}.", nameof(iv));
        }

        byte[] data;
        using (var aes = Aes.Create())
        {
            aes.Key = _key;
            data = aes.EncryptCbc(Encoding.UTF8.GetBytes(plainText), iv, PaddingMode.PKCS7);
        }

        var payload = new byte[HeaderLength + iv.Length + data.Length];
        payload[0] = PayloadV1;
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(1), iv.Length);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(5), data.Length);
        iv.CopyTo(payload, HeaderLength);
        data.CopyTo(payload, HeaderLength + iv.Length);
        return "{" + Convert.ToBase64String(payload) + "}";
    }

    private string? TryDecryptV1(byte[] payload)
    {
        if (payload.Length < HeaderLength || payload[0] != PayloadV1)
        {
            return null;
        }

        var ivLength = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(1));
        var dataLength = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(5));
        if (ivLength != IvLength || (long)HeaderLength + ivLength + dataLength != payload.Length)
        {
            return null;
        }

        var iv = payload.AsSpan(HeaderLength, IvLength);
        var data = payload.AsSpan(HeaderLength + IvLength);
        if (data.IsEmpty || data.Length % IvLength != 0)
        {
            return null;
        }

        try
        {
            using var aes = Aes.Create();
            aes.Key = _key;
            // CBC has no integrity check: a wrong key passes the padding check about once in 256 tries, and the
            // UTF-8 check below turns that garbage into a deterministic null where Jenkins would return it.
            return StrictUtf8.GetString(aes.DecryptCbc(data, iv, PaddingMode.PKCS7));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? TryDecryptHistorical(byte[] key, byte[] cipherText)
    {
        if (cipherText.Length == 0 || cipherText.Length % IvLength != 0)
        {
            return null;
        }

        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            var text = StrictUtf8.GetString(aes.DecryptEcb(cipherText, PaddingMode.PKCS7));
            return text.EndsWith(HistoricalMagic, StringComparison.Ordinal) ? text[..^HistoricalMagic.Length] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // Jenkins decodes with java.util.Base64's basic decoder: no whitespace, padding optional but exact when present.
    // .NET skips whitespace and demands padding, so the text is checked first to accept exactly what Jenkins does.
    private static bool TryDecodeJavaBase64(string text, out byte[] bytes)
    {
        bytes = [];
        var body = text.AsSpan().TrimEnd('=');
        var padding = text.Length - body.Length;
        if (body.ContainsAnyExcept(Base64Alphabet) || body.Length % 4 == 1 || padding > 2
            || (padding > 0 && (body.Length + padding) % 4 != 0))
        {
            return false;
        }

        var padded = body.Length % 4 == 0 ? body.ToString() : body.ToString() + new string('=', 4 - (body.Length % 4));
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
