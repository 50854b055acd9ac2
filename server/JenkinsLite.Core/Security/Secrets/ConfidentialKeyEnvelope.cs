using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace JenkinsLite.Core.Security.Secrets;

/// <summary>
/// The format of Jenkins' confidential key files (<c>secrets/&lt;key id&gt;</c>): AES-128/ECB/PKCS7 under the
/// master key of <c>secrets/master.key</c>, over the key's payload followed by ASCII <c>::::MAGIC::::</c>.
/// </summary>
public static class ConfidentialKeyEnvelope
{
    public const int AesKeyLength = 16;

    private static readonly byte[] Magic = "::::MAGIC::::"u8.ToArray();

    /// <summary>
    /// The AES key derived from a key text: the first 16 bytes of SHA-256 over its trimmed UTF-8. Jenkins derives
    /// both the master key (<c>secrets/master.key</c>) and the historical fallback key (<c>secret.key</c>) this way.
    /// </summary>
    public static byte[] MasterKeyFromText(string masterKeyFileText)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(JavaTrim(masterKeyFileText)));
        return digest[..AesKeyLength];
    }

    /// <summary>The key payload, or null when the bytes were not written with this master key.</summary>
    public static byte[]? Unwrap(byte[] masterKey, byte[] keyFileBytes)
    {
        RequireAesKey(masterKey);
        if (keyFileBytes.Length == 0 || keyFileBytes.Length % AesKeyLength != 0)
        {
            return null;
        }

        byte[] plain;
        try
        {
            using var aes = Aes.Create();
            aes.Key = masterKey;
            plain = aes.DecryptEcb(keyFileBytes, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            return null;
        }

        return plain.AsSpan().EndsWith(Magic) ? plain[..^Magic.Length] : null;
    }

    public static byte[] Wrap(byte[] masterKey, byte[] payload)
    {
        RequireAesKey(masterKey);
        using var aes = Aes.Create();
        aes.Key = masterKey;
        return aes.EncryptEcb([.. payload, .. Magic], PaddingMode.PKCS7);
    }

    internal static void RequireAesKey(byte[] key, [CallerArgumentExpression(nameof(key))] string? parameterName = null)
    {
        if (key.Length != AesKeyLength)
        {
            throw new ArgumentException($"An AES-128 key has {AesKeyLength} bytes, not {key.Length}.", parameterName);
        }
    }

    // Jenkins reads key texts with Java's String.trim(), which strips every char up to U+0020 and nothing else.
    private static string JavaTrim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && text[start] <= ' ')
        {
            start++;
        }

        while (end > start && text[end - 1] <= ' ')
        {
            end--;
        }

        return text[start..end];
    }
}
