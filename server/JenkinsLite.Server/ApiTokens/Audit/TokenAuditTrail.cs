using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.ApiTokens.Audit;

/// <summary>
/// Writes token events to the audit log with who caused them: the request's caller, address and agent, or the
/// system for background work. Token changes arrive through <see cref="BeforeSave"/> (every change of every
/// user's tokens, before it is saved); other events through <see cref="Record"/> (before the change they describe)
/// or <see cref="TryRecord"/> (observations on the sign-in path, which never fail a request).
/// </summary>
internal sealed partial class TokenAuditTrail(ITokenAuditLog log, TimeProvider clock, ILogger<TokenAuditTrail> logger)
    : ITokenChangeAudit
{
    /// <summary>Longest user agent kept; the rest is cut so one client cannot fill the log.</summary>
    private const int MaxAgentLength = 256;

    private static readonly AsyncLocal<Cause?> CurrentCause = new();

    /// <summary>
    /// Within the returned scope, token changes are recorded under <paramref name="eventName"/> (the sweep's
    /// token.swept, rotation's token.rotated...) and, when <paramref name="systemActor"/> is given, as done by it.
    /// </summary>
    public static IDisposable Because(string eventName, string? systemActor = null, IReadOnlyDictionary<string, string?>? details = null)
    {
        var previous = CurrentCause.Value;
        CurrentCause.Value = new Cause(eventName, systemActor, details ?? new Dictionary<string, string?>());
        return new Restore(previous);
    }

    public void BeforeSave(User before, User after, IReadOnlyList<TokenStoreChange> changes)
    {
        foreach (var change in changes)
        {
            var token = change.Token;
            var details = new Dictionary<string, string?>(StringComparer.Ordinal);
            var name = change.Kind switch
            {
                TokenStoreChangeKind.Created => TokenAuditEvents.Created,
                TokenStoreChangeKind.Renamed => TokenAuditEvents.Renamed,
                TokenStoreChangeKind.Removed => TokenAuditEvents.Revoked,
                _ => "token.changed",
            };
            if (change.Kind == TokenStoreChangeKind.Created)
            {
                details["scope"] = TokenGovernance.Of(after, token).ScopeName;
                details["expirationDate"] = token.ExpirationDate?.ToString("yyyy-MM-dd") ?? "never";
            }

            if (change.Before is { } previous && previous.Name != token.Name)
            {
                details["previousName"] = previous.Name;
            }

            if (token.IsLegacy)
            {
                details["legacy"] = "true";
            }

            Record(name, after.Id, token.Uuid, token.Name, details);
        }
    }

    public void BeforeServiceAccountCreated(string userId) => Record(TokenAuditEvents.ServiceAccountCreated, userId, null, null);

    /// <summary>Appends an event; throws <see cref="AuditUnavailableException"/> (logged) when the log cannot be written.</summary>
    public void Record(string eventName, string? user, string? tokenUuid, string? tokenName, IReadOnlyDictionary<string, string?>? details = null)
    {
        var cause = CurrentCause.Value;
        var merged = new Dictionary<string, string?>(details ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        foreach (var (key, value) in cause?.Details ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var (actor, auth, address, agent) = Who(cause);
        var name = cause is not null && eventName.StartsWith("token.", StringComparison.Ordinal) ? cause.EventName : eventName;
        Append(new TokenAuditEvent(clock.GetUtcNow(), name, actor, auth, user, tokenUuid, tokenName, address, agent, merged));
    }

    /// <summary>An event seen while signing a request in (refused, expired, first use from an address): a failure is only logged.</summary>
    public void TryRecord(HttpContext context, string eventName, string actor, string? tokenUuid, string? tokenName, IReadOnlyDictionary<string, string?>? details = null)
    {
        try
        {
            Append(new TokenAuditEvent(clock.GetUtcNow(), eventName, actor, "token", actor, tokenUuid, tokenName,
                context.Connection.RemoteIpAddress?.ToString(), Agent(context), details ?? new Dictionary<string, string?>()));
        }
        catch (AuditUnavailableException)
        {
            // logged by Append; an observation must not fail the request it observes
        }
    }

    private void Append(TokenAuditEvent auditEvent)
    {
        try
        {
            log.Append(auditEvent);
        }
        catch (AuditUnavailableException e)
        {
            LogAuditFailed(logger, auditEvent.Event, e.Message);
            throw;
        }
    }

    private static (string Actor, string Auth, string? Address, string? Agent) Who(Cause? cause)
    {
        if (cause?.SystemActor is { } system || ChangingRequest.Context is not { } context)
        {
            return (cause?.SystemActor ?? "SYSTEM", "system", null, null);
        }

        var caller = context.Caller();
        return (caller.Name, caller.Method.ToString().ToLowerInvariant(), context.Connection.RemoteIpAddress?.ToString(), Agent(context));
    }

    private static string? Agent(HttpContext context) =>
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, MaxAgentLength)] : null;

    [LoggerMessage(EventId = 60, Level = LogLevel.Error, Message = "Could not write the API token audit event {EventName}; the change is refused: {Reason}")]
    private static partial void LogAuditFailed(ILogger logger, string eventName, string reason);

    private sealed record Cause(string EventName, string? SystemActor, IReadOnlyDictionary<string, string?> Details);

    private sealed class Restore(Cause? previous) : IDisposable
    {
        public void Dispose() => CurrentCause.Value = previous;
    }
}
