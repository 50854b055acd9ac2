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
    // Not a string: most uuids are kept as a Guid, and their text is made only for the tokens in use (TokenUuid).
    private TokenUuid _uuid = new(Uuid);

    public string Uuid { get => _uuid.Text; init => _uuid = new(value); }

    // What only scoped or rotated tokens have, kept apart and made only for them: most tokens are full and never rotated.
    private Rare? _rare = Rare.Of(Scope, RotatedTo, ValidUntil);

    public TokenScope? Scope { get => _rare?.Scope; init => _rare = Rare.Of(value, _rare?.RotatedTo, _rare?.ValidUntil); }

    public string? RotatedTo { get => _rare?.RotatedTo; init => _rare = Rare.Of(_rare?.Scope, value, _rare?.ValidUntil); }

    public DateTimeOffset? ValidUntil { get => _rare?.ValidUntil; init => _rare = Rare.Of(_rare?.Scope, _rare?.RotatedTo, value); }

    /// <summary>The uuid as kept, to compare tokens by uuid without making texts.</summary>
    internal TokenUuid StoredUuid => _uuid;

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

    private sealed record Rare(TokenScope? Scope, string? RotatedTo, DateTimeOffset? ValidUntil)
    {
        public static Rare? Of(TokenScope? scope, string? rotatedTo, DateTimeOffset? validUntil) =>
            scope is null && rotatedTo is null && validUntil is null ? null : new(scope, rotatedTo, validUntil);
    }
}
