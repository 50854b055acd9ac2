namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>What may be shown of a token: everything but its value and hash.</summary>
public sealed record TokenView(
    string Uuid,
    string Name,
    DateTimeOffset? CreationDate,
    int? AgeInDays,
    TokenAgeLevel AgeLevel,
    int UseCount,
    DateTimeOffset? LastUseDate,
    bool Legacy,
    DateOnly? ExpirationDate,
    bool Expired,
    bool AboutToExpire,
    TokenScope? Scope = null,
    string? CreatedBy = null,
    string? RotatedTo = null)
{
    private const int OrangeAfterDays = 180;
    private const int RedAfterDays = 360;

    public static TokenView Of(HashedToken token, TokenUsage usage, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        int? age = token.CreationDate is { } created
            ? today.DayNumber - DateOnly.FromDateTime(created.UtcDateTime).DayNumber
            : null;
        var level = age switch
        {
            > RedAfterDays => TokenAgeLevel.Red,
            > OrangeAfterDays => TokenAgeLevel.Orange,
            _ => TokenAgeLevel.None,
        };
        return new TokenView(token.Uuid, token.Name, token.CreationDate, age, level, usage.UseCount,
            usage.LastUseDate, token.IsLegacy, token.ExpirationDate, token.IsExpired(now),
            token.IsAboutToExpire(today), token.EffectiveScope, token.CreatedBy, token.RotatedTo);
    }
}
