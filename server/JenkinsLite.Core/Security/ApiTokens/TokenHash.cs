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

    // The salt's bytes, then the digest's: one array a token (a home of 100,000 users holds 500,000 of them). A salt
    // or digest whose text does not decode as hex has no bytes here: its text is kept, and such a digest never matches.
    private readonly byte[] _bytes;

    // -1: no salt (none stored, or its text is not hex).
    private readonly int _saltLength;

    // The stored texts, only when they are not the lowercase hex of the bytes (upper case, not hex at all), so they are
    // written back as read; null for the hashes JenkinsLite and Jenkins write.
    private readonly StoredTexts? _texts;

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
        var digest = TryDecodeHex(hashHex);
        var salt = saltHex is null ? null : TryDecodeHex(saltHex);
        _saltLength = salt?.Length ?? -1;
        _bytes = [.. salt ?? [], .. digest ?? []];
        var hashText = WrittenBackAsIs(hashHex, digest);
        var saltText = saltHex is null ? null : WrittenBackAsIs(saltHex, salt);
        _texts = hashText is null && saltText is null ? null : new StoredTexts(hashText, saltText);
    }

    public string Version { get; }

    public string HashHex => _texts?.Hash ?? Convert.ToHexStringLower(Digest);

    public string? SaltHex => _texts?.Salt ?? (_saltLength < 0 ? null : Convert.ToHexStringLower(Salt));

    private ReadOnlySpan<byte> Salt => _bytes.AsSpan(0, Math.Max(0, _saltLength));

    private ReadOnlySpan<byte> Digest => _bytes.AsSpan(Math.Max(0, _saltLength));

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
        if (Digest.Length != SHA256.HashSizeInBytes)
        {
            return false;
        }

        if (!IsSalted)
        {
            return CryptographicOperations.FixedTimeEquals(Digest, unsaltedDigest);
        }

        return _saltLength >= 0 && CryptographicOperations.FixedTimeEquals(Digest, SaltedDigest(Salt, secretAscii));
    }

    /// <summary>The same check for one token: the unsalted digest is computed only when this entry needs it.</summary>
    public bool Matches(string presented)
    {
        var secret = TokenSecret.SecretBytesOf(presented);
        return Matches(secret, IsSalted ? [] : SHA256.HashData(secret));
    }

    private static byte[] SaltedDigest(ReadOnlySpan<byte> salt, byte[] secretAscii) => SHA256.HashData([.. salt, .. secretAscii]);

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

    private sealed record StoredTexts(string? Hash, string? Salt);
}
