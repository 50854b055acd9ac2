using System.Security.Cryptography;
using System.Text;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>Jenkins' token value rules: <c>"11"</c> + 32 hex, and how a presented value is matched.</summary>
public static class TokenSecret
{
    /// <summary>Length of a 2.129+ token: the two-character version prefix and 32 hex characters.</summary>
    public const int TokenLength = 34;

    public const string Prefix = "11";

    /// <summary>16 random bytes as 32 lowercase hex characters.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Jenkins' own rule: a 34-character value loses its first two characters (the prefix is not
    /// checked); any other length is the secret as a whole. Non-ASCII becomes '?', as Java's encoder does.
    /// </summary>
    public static byte[] SecretBytesOf(string presented)
    {
        var secret = presented.Length == TokenLength ? presented[2..] : presented;
        return Encoding.ASCII.GetBytes(secret);
    }

    /// <summary>The value Jenkins' addFixedToken accepts: "11" then 32 hex (case-insensitive).</summary>
    public static bool TryParseFixed(string value, out string secret)
    {
        secret = string.Empty;
        if (value.Length != TokenLength || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value[2..].ToLowerInvariant();
        if (!rest.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            return false;
        }

        secret = rest;
        return true;
    }
}
