namespace JenkinsLite.Core.Security.ApiTokens.Audit;

/// <summary>Which events to read back, newest first: all filters are optional and combine.</summary>
public sealed record TokenAuditQuery(DateTimeOffset? Since, string? User, string? Event, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public bool Matches(TokenAuditEvent e) =>
        (Since is null || e.Time >= Since)
        && (User is null || string.Equals(e.User, User, StringComparison.OrdinalIgnoreCase))
        && (Event is null || string.Equals(e.Event, Event, StringComparison.Ordinal));
}
