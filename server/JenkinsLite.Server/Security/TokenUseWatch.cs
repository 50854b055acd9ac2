using System.Collections.Concurrent;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.ApiTokens.Policy;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Security;

/// <summary>
/// What the sign-in of a request with an API token adds beyond Jenkins (token-governance.md sections 6 to 8): the
/// address it came from, the audit events of a first use from an address, of an expired token and of refused
/// token-shaped secrets, and the <c>X-JenkinsLite-Token-Expiration</c> header for a token expiring soon.
/// </summary>
internal sealed class TokenUseWatch(JenkinsInstance instance, TokenPolicy policy, TokenAddressBook addresses, TokenAuditTrail audit)
{
    public const string ExpirationHeader = "X-JenkinsLite-Token-Expiration";

    private static readonly TimeSpan RefusalWindow = TimeSpan.FromMinutes(1);

    /// <summary>Refusal windows kept before the stale ones are dropped, so many addresses cannot grow memory without bound.</summary>
    private const int MaxRefusalWindows = 10_000;

    private readonly ConcurrentDictionary<(string User, string Address), RefusalWindowState> _refusals = new();
    private readonly ConcurrentDictionary<string, bool> _expiredSeen = new(StringComparer.Ordinal);

    /// <summary>A request signed in with <paramref name="token"/> of <paramref name="user"/>.</summary>
    public void Accepted(HttpContext context, User user, HashedToken token)
    {
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (addresses.RecordUse(user.Id, token.Uuid, address))
        {
            audit.TryRecord(context, TokenAuditEvents.FirstUseFromAddress, user.Id, token.Uuid, token.Name);
        }

        // Only a token that expires needs today's date.
        if (token.ExpirationDate is { } expiration && policy.Current.IsExpiringSoon(expiration, Today))
        {
            context.Response.Headers[ExpirationHeader] = expiration.ToString("yyyy-MM-dd");
        }
    }

    /// <summary>
    /// A refused Basic secret: an expired token's first refused use is a token.expired event; any other token-shaped
    /// secret for an existing user is counted as token.refused, one event per user and address a minute.
    /// </summary>
    public void Refused(HttpContext context, string userName, string secret)
    {
        if (instance.Users.Find(userName) is not { } user || !TokenSecret.TryParseFixed(secret, out _))
        {
            return;
        }

        // Ignoring expiry (no day is before MinValue) finds the expired token the secret belongs to, if any.
        if (user.Tokens.FindMatch(secret, DateOnly.MinValue, out _) is { } expired && expired.IsExpired(Today))
        {
            if (_expiredSeen.TryAdd(expired.Uuid, true))
            {
                audit.TryRecord(context, TokenAuditEvents.Expired, user.Id, expired.Uuid, expired.Name,
                    new Dictionary<string, string?> { ["expirationDate"] = expired.ExpirationDate?.ToString("yyyy-MM-dd") });
            }

            return;
        }

        var now = instance.Options.Clock.GetUtcNow();
        var key = (user.Id.ToLowerInvariant(), context.Connection.RemoteIpAddress?.ToString() ?? "-");
        if (_refusals.Count > MaxRefusalWindows)
        {
            foreach (var old in _refusals.Where(r => r.Value.LastEvent is not { } last || now - last >= RefusalWindow).ToList())
            {
                _refusals.TryRemove(old.Key, out _);
            }
        }

        var window = _refusals.GetOrAdd(key, _ => new RefusalWindowState());
        int count;
        lock (window)
        {
            window.Count++;
            if (window.LastEvent is { } last && now - last < RefusalWindow)
            {
                return;
            }

            count = window.Count;
            window.Count = 0;
            window.LastEvent = now;
        }

        audit.TryRecord(context, TokenAuditEvents.Refused, user.Id, null, null,
            new Dictionary<string, string?> { ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private DateOnly Today => DateOnly.FromDateTime(instance.Options.Clock.GetUtcNow().UtcDateTime);

    private sealed class RefusalWindowState
    {
        public int Count { get; set; }

        public DateTimeOffset? LastEvent { get; set; }
    }
}
