using System.Security.Cryptography;
using System.Text;

namespace JenkinsLite.Core.Security.Secrets;

/// <summary>Jenkins' legacy API token: the secret kept encrypted in <c>&lt;apiToken&gt;</c> and the value users see.</summary>
public static class LegacyApiTokenValue
{
    /// <summary>The user-facing legacy token: lowercase hex MD5 of the UTF-8 secret.</summary>
    public static string FromPlainSecret(string plaintext)
    {
        // MD5 is the format Jenkins defined for this value; we only reproduce it, we do not hash with it.
#pragma warning disable CA5351
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(plaintext)));
#pragma warning restore CA5351
    }

    /// <summary>A fresh secret in Jenkins' shape: 32 lowercase hex characters from 16 random bytes.</summary>
    public static string NewRandomPlainSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
