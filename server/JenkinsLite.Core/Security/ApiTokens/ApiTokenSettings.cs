namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// Jenkins' ApiTokenPropertyConfiguration: the three legacy-token switches, with Jenkins' defaults
/// (off, off, on).
/// </summary>
public sealed record ApiTokenSettings(
    bool TokenGenerationOnCreationEnabled,
    bool CreationOfLegacyTokenEnabled,
    bool UsageStatisticsEnabled)
{
    public static readonly ApiTokenSettings Default = new(false, false, true);
}
