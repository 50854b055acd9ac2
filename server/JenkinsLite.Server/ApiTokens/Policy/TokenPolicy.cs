using System.Globalization;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.ApiTokens.Policy;
using JenkinsLite.Server.ApiTokens.Audit;

namespace JenkinsLite.Server.ApiTokens.Policy;

/// <summary>The policy in force: read at start and on reload, changed only by an admin, audited before it is saved.</summary>
internal sealed class TokenPolicy
{
    private readonly IApiTokenPolicyStore _store;
    private readonly TokenAuditTrail _audit;
    private volatile ApiTokenPolicy _current;

    public TokenPolicy(IApiTokenPolicyStore store, TokenAuditTrail audit)
    {
        _store = store;
        _audit = audit;
        _current = store.Load();
    }

    public ApiTokenPolicy Current => _current;

    public void Reload() => _current = _store.Load();

    /// <summary>Audits, then saves; a failure of either changes nothing.</summary>
    public void Change(ApiTokenPolicy policy)
    {
        _audit.Record(TokenAuditEvents.PolicyChanged, null, null, null, Describe(policy));
        _store.Save(policy);
        _current = policy;
    }

    public static Dictionary<string, string?> Describe(ApiTokenPolicy policy) => new(StringComparer.Ordinal)
    {
        [ApiTokenPolicyInput.MaxLifetimeDays] = policy.MaxLifetimeDays.ToString(CultureInfo.InvariantCulture),
        [ApiTokenPolicyInput.RequireExpiration] = policy.RequireExpiration ? "true" : "false",
        [ApiTokenPolicyInput.MaxUnusedDays] = policy.MaxUnusedDays.ToString(CultureInfo.InvariantCulture),
        [ApiTokenPolicyInput.ExpiryWarningDays] = policy.ExpiryWarningDays.ToString(CultureInfo.InvariantCulture),
        [ApiTokenPolicyInput.AllowedScopes] = string.Join(",", policy.AllowedScopes ?? ApiTokenPolicy.ScopeNames),
    };
}
