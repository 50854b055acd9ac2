namespace JenkinsLite.Core.Security.ApiTokens.Audit;

/// <summary>
/// One line of <c>logs/api-token-audit.jsonl</c> (token-governance.md section 7). Never a secret, a hash or a header:
/// only names, ids, the client's address and agent, and plain details.
/// </summary>
public sealed record TokenAuditEvent(
    DateTimeOffset Time,
    string Event,
    string Actor,
    string ActorAuth,
    string? User,
    string? TokenUuid,
    string? TokenName,
    string? Address,
    string? UserAgent,
    IReadOnlyDictionary<string, string?> Details);
