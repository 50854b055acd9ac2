namespace JenkinsLite.Core.Tests.Security.ApiTokens;

/// <summary>Gold pairs of api-tokens.md 5.2: values real Jenkins showed, and the hashes it stored for them.</summary>
internal static class TokenGold
{
    public const string NewToken = "1147c3b70068c7b5573342ebb6ddc7f6ae";
    public const string NewTokenSecret = "47c3b70068c7b5573342ebb6ddc7f6ae";
    public const string NewTokenHash = "ff550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627f";

    public const string FixedToken = "110123456789abcdef0123456789abcdef";
    public const string FixedTokenSecret = "0123456789abcdef0123456789abcdef";
    public const string FixedTokenHash = "3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9";

    /// <summary>F1's legacy token: MD5 of the raw &lt;apiToken&gt; text, stored by Jenkins as version 10.</summary>
    public const string LegacyToken = "7be8e81ad5a350fa3f3e2acfae4adb14";
    public const string LegacyTokenHash = "3b0b5907fb423964c8615164e8bb0acd6216f3e017df88a9a6da891907866f16";

    /// <summary>HudsonPrivateSecurityRealmFIPSTest's password and the bcrypt hash Jenkins stored for it.</summary>
    public const string Password = "passwordpassword";
    public const string PasswordHash = "#jbcrypt:$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i";
}
