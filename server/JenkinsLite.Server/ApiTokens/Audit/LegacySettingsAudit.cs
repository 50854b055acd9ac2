using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.ApiTokens.Audit;

/// <summary>A change of the three legacy-token switches, audited (legacy.settingsChanged) before it is saved.</summary>
internal static class LegacySettingsAudit
{
    public static void ChangeAudited(HttpContext context, JenkinsInstance instance, ApiTokenSettings updated)
    {
        context.Service<TokenAuditTrail>().Record(TokenAuditEvents.LegacySettingsChanged, null, null, null,
            new Dictionary<string, string?>
            {
                ["tokenGenerationOnCreationEnabled"] = updated.TokenGenerationOnCreationEnabled ? "true" : "false",
                ["creationOfLegacyTokenEnabled"] = updated.CreationOfLegacyTokenEnabled ? "true" : "false",
                ["usageStatisticsEnabled"] = updated.UsageStatisticsEnabled ? "true" : "false",
            });
        instance.ChangeApiTokenSettings(updated);
    }
}
