namespace JenkinsLite.Core.Security.ApiTokens.Policy;

/// <summary>
/// The admins' rules for API tokens (token-governance.md section 2). <see cref="None"/> is what a home without
/// the policy file has: Jenkins' behaviour, no rule at all.
/// </summary>
/// <param name="MaxLifetimeDays">A new token's expiry may be at most this many days away (0: no limit).</param>
/// <param name="RequireExpiration">A new token must have an expiry date.</param>
/// <param name="MaxUnusedDays">Tokens unused this long are revoked by the daily sweep (0: never).</param>
/// <param name="ExpiryWarningDays">A token expiring within this many days is "expiring soon".</param>
/// <param name="AllowedScopes">Scopes a non-admin may create; null: all.</param>
public sealed record ApiTokenPolicy(
    int MaxLifetimeDays,
    bool RequireExpiration,
    int MaxUnusedDays,
    int ExpiryWarningDays,
    IReadOnlyList<string>? AllowedScopes)
{
    /// <summary>The scope names of token-governance.md section 1.</summary>
    public static readonly IReadOnlyList<string> ScopeNames = ["read", "build", "full", "custom"];

    /// <summary>Unused this long counts as stale in the inventory when the policy sets no sweep.</summary>
    public const int DefaultStaleDays = 90;

    public static readonly ApiTokenPolicy None = new(0, false, 0, 7, null);

    /// <summary>The number of days after which an unused token is stale: the sweep's limit, or 90 days without one.</summary>
    public int StaleAfterDays => MaxUnusedDays > 0 ? MaxUnusedDays : DefaultStaleDays;

    /// <summary>
    /// Why a new token may not be created, naming the rule, or null when the policy allows it. Admins are bound by
    /// the lifetime rules too; only the scope list is for non-admins.
    /// </summary>
    public string? RefusalOfNewToken(DateOnly? expiration, DateOnly today, string scope, bool creatorIsAdmin)
    {
        if (MaxLifetimeDays > 0 && (expiration is null || expiration.Value > today.AddDays(MaxLifetimeDays)))
        {
            return $"The token must expire within {MaxLifetimeDays} days (policy)";
        }

        if (RequireExpiration && expiration is null)
        {
            return "The token must have an expiration date (policy)";
        }

        if (!creatorIsAdmin && AllowedScopes is { } allowed && !allowed.Contains(scope, StringComparer.Ordinal))
        {
            return $"The scope '{scope}' is not allowed for new tokens; allowed: {string.Join(", ", allowed)} (policy)";
        }

        return null;
    }

    /// <summary>The scopes a creator may choose, in <see cref="TokenScope.Names"/>' order: all for admins, else the policy's list.</summary>
    public IReadOnlyList<string> ScopesFor(bool creatorIsAdmin) =>
        [.. TokenScope.Names.Where(name => creatorIsAdmin || AllowedScopes is null || AllowedScopes.Contains(name, StringComparer.Ordinal))];

    /// <summary>Whether an existing token would be refused if it were created today (the inventory's violatesPolicy).</summary>
    public bool IsViolatedBy(DateOnly? expiration, DateOnly? creationDay, string scope, bool ownerIsAdmin)
    {
        var start = creationDay ?? DateOnly.MinValue;
        if (MaxLifetimeDays > 0 && (expiration is null || expiration.Value > start.AddDays(MaxLifetimeDays)))
        {
            return true;
        }

        return (RequireExpiration && expiration is null)
            || (!ownerIsAdmin && AllowedScopes is { } allowed && !allowed.Contains(scope, StringComparer.Ordinal));
    }

    /// <summary>Whether a token expiring on <paramref name="expiration"/> is "expiring soon" (not yet expired, within the warning window).</summary>
    public bool IsExpiringSoon(DateOnly? expiration, DateOnly today) =>
        expiration is { } date && date >= today && date <= today.AddDays(ExpiryWarningDays);
}
