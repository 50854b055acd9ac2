using System.Security.Cryptography;
using System.Text;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// The stored, one-way form of a token. Jenkins writes version "11" (SHA-256 of the secret) and "10"
/// (legacy, same hash); we write salted versions of our own and keep reading Jenkins' forms.
/// </summary>
public sealed class TokenHash
{
    /// <summary>Jenkins' unsalted hash of a 2.129+ token.</summary>
    public const string JenkinsVersion = "11";

    /// <summary>Jenkins' unsalted hash of a legacy token.</summary>
    public const string JenkinsLegacyVersion = "10";

    /// <summary>Ours: SHA-256(salt ‖ secret); Jenkins ignores versions it does not know, so nothing matches there.</summary>
    public const string SaltedVersion = "salted-11";

    /// <summary>Ours, for a legacy token re-stored salted: it stays marked as legacy (decisions.md #10).</summary>
    public const string SaltedLegacyVersion = "salted-10";

    private const int SaltLength = 16;

    private readonly byte[]? _digest;

    // The stored texts are kept only when they are not the lowercase hex of the bytes (upper case, not hex at all),
    // so they are written back as read; otherwise the bytes alone are kept: a home of 100,000 users holds 500,000.
    private readonly string? _hashText;
    private readonly string? _saltText;

    public TokenHash(string version, string hashHex, string? saltHex)
    {
        Version = version switch
        {
            JenkinsVersion => JenkinsVersion,
            JenkinsLegacyVersion => JenkinsLegacyVersion,
            SaltedVersion => SaltedVersion,
            SaltedLegacyVersion => SaltedLegacyVersion,
            _ => version,
        };
        _digest = TryDecodeHex(hashHex);
        _hashText = WrittenBackAsIs(hashHex, _digest);
        if (saltHex is not null)
        {
            Salt = TryDecodeHex(saltHex);
            _saltText = WrittenBackAsIs(saltHex, Salt);
        }
    }

    public string Version { get; }

    public string HashHex => _hashText ?? Convert.ToHexStringLower(_digest!);

    public string? SaltHex => _saltText ?? (Salt is null ? null : Convert.ToHexStringLower(Salt));

    private byte[]? Salt { get; }

    public bool IsSalted => Version is SaltedVersion or SaltedLegacyVersion;

    public bool IsLegacy => Version is JenkinsLegacyVersion or SaltedLegacyVersion;

    /// <summary>Hashes a secret the way we store it: a fresh random salt, SHA-256 over salt and secret.</summary>
    public static TokenHash Salted(string secret, bool legacy)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var digest = SaltedDigest(salt, Encoding.ASCII.GetBytes(secret));
        return new TokenHash(legacy ? SaltedLegacyVersion : SaltedVersion,
            Convert.ToHexStringLower(digest), Convert.ToHexStringLower(salt));
    }

    /// <summary>Jenkins' unsalted form, used only to read homes and for gold tests.</summary>
    public static TokenHash Unsalted(string secret, bool legacy) =>
        new(legacy ? JenkinsLegacyVersion : JenkinsVersion,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret))), null);

    /// <summary>
    /// Constant-time check of a presented secret. <paramref name="unsaltedDigest"/> is SHA-256 of the
    /// secret, computed once per request; salted entries hash again with their own salt.
    /// </summary>
    public bool Matches(byte[] secretAscii, byte[] unsaltedDigest)
    {
        if (_digest is null || _digest.Length != SHA256.HashSizeInBytes)
        {
            return false;
        }

        if (!IsSalted)
        {
            return CryptographicOperations.FixedTimeEquals(_digest, unsaltedDigest);
        }

        return Salt is not null && CryptographicOperations.FixedTimeEquals(_digest, SaltedDigest(Salt, secretAscii));
    }

    /// <summary>The same check for one token: the unsalted digest is computed only when this entry needs it.</summary>
    public bool Matches(string presented)
    {
        var secret = TokenSecret.SecretBytesOf(presented);
        return Matches(secret, IsSalted ? [] : SHA256.HashData(secret));
    }

    private static byte[] SaltedDigest(byte[] salt, byte[] secretAscii)
    {
        var input = new byte[salt.Length + secretAscii.Length];
        salt.CopyTo(input, 0);
        secretAscii.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    private static string? WrittenBackAsIs(string text, byte[]? decoded) =>
        decoded is not null && !text.AsSpan().ContainsAnyInRange('A', 'F') ? null : text;

    // Jenkins decodes stored hashes case-insensitively and treats non-hex as "cannot match".
    private static byte[]? TryDecodeHex(string hex)
    {
        if (hex.Length % 2 != 0)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
