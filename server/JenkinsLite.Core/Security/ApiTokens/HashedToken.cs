namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>One named token of a user, as Jenkins' ApiTokenStore$HashedToken: never its value.</summary>
/// <param name="Scope">What the token may do; null is <see cref="TokenScope.Full"/> (Jenkins' tokens, the legacy one).</param>
/// <param name="CreatedBy">Who created it, when not its owner alone can say (an admin for a service account); null when unknown.</param>
/// <param name="RotatedTo">The uuid of the token that replaced this one; it works until <paramref name="ValidUntil"/>.</param>
/// <param name="ValidUntil">The end of a rotation's grace window, to the minute (the expiration date holds its day).</param>
public sealed record HashedToken(
    string Uuid,
    string Name,
    DateTimeOffset? CreationDate,
    DateOnly? ExpirationDate,
    TokenHash Hash,
    TokenScope? Scope = null,
    string? CreatedBy = null,
    string? RotatedTo = null,
    DateTimeOffset? ValidUntil = null)
{
    public bool IsLegacy => Hash.IsLegacy;

    /// <summary>The legacy token is always full, whatever a file says.</summary>
    public TokenScope EffectiveScope => IsLegacy || Scope is null ? TokenScope.Full : Scope;

    /// <summary>Jenkins: expired when the expiration date is before today; a token expiring today still works.</summary>
    public bool IsExpired(DateOnly today) => ExpirationDate is { } date && date < today;

    /// <summary>As <see cref="IsExpired(DateOnly)"/>, and a rotated token's grace window ends to the minute.</summary>
    public bool IsExpired(DateTimeOffset now) =>
        IsExpired(DateOnly.FromDateTime(now.UtcDateTime)) || (ValidUntil is { } until && now >= until);

    /// <summary>Jenkins shows a badge when fewer than 7 days are left.</summary>
    public bool IsAboutToExpire(DateOnly today) => ExpirationDate is { } date && date < today.AddDays(7);
}
