namespace JenkinsLite.Core.Security.ApiTokens.Audit;

/// <summary>The event names of token-governance.md section 7.</summary>
public static class TokenAuditEvents
{
    public const string Created = "token.created";
    public const string Renamed = "token.renamed";
    public const string Revoked = "token.revoked";
    public const string Rotated = "token.rotated";
    public const string Expired = "token.expired";
    public const string Swept = "token.swept";
    public const string Declared = "token.declared";
    public const string FirstUseFromAddress = "token.firstUseFromAddress";
    public const string Refused = "token.refused";
    public const string LegacySettingsChanged = "legacy.settingsChanged";
    public const string PolicyChanged = "policy.changed";
    public const string ServiceAccountCreated = "serviceAccount.created";

    public static readonly IReadOnlyList<string> All =
    [
        Created, Renamed, Revoked, Rotated, Expired, Swept, Declared, FirstUseFromAddress, Refused,
        LegacySettingsChanged, PolicyChanged, ServiceAccountCreated,
    ];
}
