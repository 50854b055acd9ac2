using JenkinsLite.Core.Security.Secrets;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// Jenkins' pre-2.129 per-user token (<c>&lt;apiToken&gt;</c>). Its plain secret lives only in memory;
/// on disk it is encrypted with the home's key. <paramref name="StoredText"/> is the encrypted text
/// exactly as read, kept verbatim on save; null means it must be (re-)encrypted when saved.
/// </summary>
public sealed record LegacyApiToken(string PlainSecret, string? StoredText)
{
    /// <summary>What the user types: Jenkins' MD5 hex of the plain secret.</summary>
    public string UserFacingValue => LegacyApiTokenValue.FromPlainSecret(PlainSecret);

    public static LegacyApiToken NewRandom() => new(LegacyApiTokenValue.NewRandomPlainSecret(), null);
}
