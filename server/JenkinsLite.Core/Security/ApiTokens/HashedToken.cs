namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>One named token of a user, as Jenkins' ApiTokenStore$HashedToken: never its value.</summary>
public sealed record HashedToken(
    string Uuid,
    string Name,
    DateTimeOffset? CreationDate,
    DateOnly? ExpirationDate,
    TokenHash Hash)
{
    public bool IsLegacy => Hash.IsLegacy;

    /// <summary>Jenkins: expired when the expiration date is before today; a token expiring today still works.</summary>
    public bool IsExpired(DateOnly today) => ExpirationDate is { } date && date < today;

    /// <summary>Jenkins shows a badge when fewer than 7 days are left.</summary>
    public bool IsAboutToExpire(DateOnly today) => ExpirationDate is { } date && date < today.AddDays(7);
}
