namespace JenkinsLite.Core.Security.ApiTokens.Audit;

/// <summary>The append-only audit log of token events.</summary>
public interface ITokenAuditLog
{
    /// <summary>Appends and flushes to disk before returning; throws <see cref="AuditUnavailableException"/> when it cannot.</summary>
    void Append(TokenAuditEvent auditEvent);

    /// <summary>Matching events, newest first, at most <see cref="TokenAuditQuery.Limit"/>.</summary>
    IReadOnlyList<TokenAuditEvent> Read(TokenAuditQuery query);
}
