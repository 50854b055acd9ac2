using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JenkinsLite.Core.Security.Passwords;

/// <summary>
/// Password hashes as Jenkins' own user database stores them in <c>passwordHash</c>
/// (api-tokens.md 3.2): <c>#jbcrypt:</c> + bcrypt, or <c>$PBKDF2$HMACSHA512:&lt;iterations&gt;:&lt;salt hex&gt;$&lt;key hex&gt;</c>.
/// </summary>
public static class PasswordHash
{
    /// <summary>bcrypt only reads this many bytes of the UTF-8 password.</summary>
    public const int MaxBcryptPasswordBytes = 72;

    public const string BcryptPrefix = "#jbcrypt:";
    public const string Pbkdf2Prefix = "$PBKDF2$HMACSHA512:";

    private const int NewHashCost = 10;

    // Jenkins refuses more than 18 rounds (each one doubles the work, so a planted hash could stall logins);
    // below 4 its bcrypt library throws, so such hashes never match either.
    private const int MinBcryptCost = 4;
    private const int MaxBcryptCost = 18;

    // Jenkins writes 210000; a higher count from the file is honoured up to a bound that keeps one login cheap enough.
    private const int MaxPbkdf2Iterations = 10_000_000;
    private const int Pbkdf2SaltBytes = 16;
    private const int Pbkdf2KeyBytes = 64;

    private const string BcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="storedHash"/>. Null, empty, malformed or
    /// unrecognised hashes never match and never throw.
    /// </summary>
    public static bool Verify(string? storedHash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (string.IsNullOrEmpty(storedHash))
        {
            return false;
        }

        try
        {
            if (storedHash.StartsWith(BcryptPrefix, StringComparison.Ordinal))
            {
                return VerifyBcrypt(storedHash[BcryptPrefix.Length..], password);
            }

            if (storedHash.StartsWith(Pbkdf2Prefix, StringComparison.Ordinal))
            {
                return VerifyPbkdf2(storedHash[Pbkdf2Prefix.Length..], password);
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or EncoderFallbackException
                                      or BCrypt.Net.SaltParseException or CryptographicException)
        {
            // A hash that slips past the shape checks, or a password that cannot be encoded, fails closed.
            return false;
        }

        return false;
    }

    /// <summary>
    /// A new <c>#jbcrypt:$2a$10$…</c> hash (Jenkins only reads the <c>$2a$</c> variant). Like Jenkins, refuses a
    /// password longer than <see cref="MaxBcryptPasswordBytes"/> UTF-8 bytes instead of silently truncating it;
    /// check <see cref="ExceedsBcryptLimit"/> first.
    /// </summary>
    /// <exception cref="ArgumentException">The password is longer than 72 UTF-8 bytes.</exception>
    public static string HashNew(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (ExceedsBcryptLimit(password))
        {
            throw new ArgumentException($"The password is longer than {MaxBcryptPasswordBytes} bytes.", nameof(password));
        }

        var salt = BCrypt.Net.BCrypt.GenerateSalt(NewHashCost, 'a');
        return BcryptPrefix + BCrypt.Net.BCrypt.HashPassword(password, salt);
    }

    /// <summary>True when bcrypt would ignore part of the password.</summary>
    public static bool ExceedsBcryptLimit(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Encoding.UTF8.GetByteCount(password) > MaxBcryptPasswordBytes;
    }

    private static bool VerifyBcrypt(string hash, string password)
    {
        // $2a$NN$ + 22 salt chars + 31 hash chars; $2b$/$2y$ are the same algorithm for UTF-8 input.
        if (hash.Length != 60 || hash[0] != '$' || hash[1] != '2' || hash[2] is not ('a' or 'b' or 'y') || hash[3] != '$'
            || !char.IsAsciiDigit(hash[4]) || !char.IsAsciiDigit(hash[5]) || hash[6] != '$')
        {
            return false;
        }

        var cost = ((hash[4] - '0') * 10) + (hash[5] - '0');
        if (cost is < MinBcryptCost or > MaxBcryptCost)
        {
            return false;
        }

        foreach (var c in hash.AsSpan(7))
        {
            if (!BcryptAlphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        // Rehash with the stored salt: like jBCrypt, only the first 72 bytes of a longer password count.
        var computed = BCrypt.Net.BCrypt.HashPassword(password, hash[..29]);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(hash));
    }

    private static bool VerifyPbkdf2(string rest, string password)
    {
        // <iterations>:<salt hex>$<key hex>
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 1 or > 8)
        {
            return false;
        }

        var iterationsText = rest.AsSpan(0, colon);
        foreach (var c in iterationsText)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var iterations = int.Parse(iterationsText, NumberStyles.None, CultureInfo.InvariantCulture);
        if (iterations is < 1 or > MaxPbkdf2Iterations)
        {
            return false;
        }

        var tail = rest.AsSpan(colon + 1);
        if (tail.Length != (Pbkdf2SaltBytes * 2) + 1 + (Pbkdf2KeyBytes * 2) || tail[Pbkdf2SaltBytes * 2] != '$')
        {
            return false;
        }

        var saltHex = tail[..(Pbkdf2SaltBytes * 2)];
        var keyHex = tail[((Pbkdf2SaltBytes * 2) + 1)..];
        if (!IsHex(saltHex) || !IsHex(keyHex))
        {
            return false;
        }

        // Jenkins feeds the hex-decoded salt bytes (not the hex text) to PBKDF2WithHmacSHA512.
        var salt = Convert.FromHexString(saltHex);
        var expected = Convert.FromHexString(keyHex);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, Pbkdf2KeyBytes);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
