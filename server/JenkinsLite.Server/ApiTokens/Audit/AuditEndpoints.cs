using System.Globalization;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.ApiTokens;
using JenkinsLite.Server.Api;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.ApiTokens.Audit;

/// <summary>The audit log read back (token-governance.md section 7); admins only.</summary>
internal static class AuditEndpoints
{
    public const string PageUrl = "/manage/apiTokens/audit/";

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        // JenkinsLite: GET /manage/apiTokens/audit/api/json?since=&user=&event=&limit= — newest first; 400 naming a bad value
        app.MapRead("/manage/apiTokens/audit/api/{flavor}", (HttpContext context, string flavor, ITokenAuditLog log) =>
        {
            var (query, problem) = QueryOf(context.Request.Query);
            return problem is not null
                ? Failure.Of(context, problem)
                : ApiResponse.Render(context, flavor, Model(log.Read(query!)), "apiTokenAuditLog");
        }).Requires(Permission.Administer);
    }

    /// <summary>The filters of a request (shared by the API and the page); a bad one is named.</summary>
    public static (TokenAuditQuery? Query, string? Problem) QueryOf(IQueryCollection query)
    {
        DateTimeOffset? since = null;
        if (query["since"].FirstOrDefault() is { Length: > 0 } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, $"since must be an ISO 8601 time (for example 2026-12-01T00:00:00Z), not '{sinceText}'");
            }

            since = parsed;
        }

        var eventName = query["event"].FirstOrDefault() is { Length: > 0 } e ? e : null;
        if (eventName is not null && !TokenAuditEvents.All.Contains(eventName, StringComparer.Ordinal))
        {
            return (null, $"Unknown event '{eventName}'; use one of {string.Join(", ", TokenAuditEvents.All)}");
        }

        var limit = TokenAuditQuery.DefaultLimit;
        if (query["limit"].FirstOrDefault() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > TokenAuditQuery.MaxLimit))
        {
            return (null, $"limit must be a number from 1 to {TokenAuditQuery.MaxLimit}, not '{limitText}'");
        }

        var user = query["user"].FirstOrDefault() is { Length: > 0 } u ? u : null;
        return (new TokenAuditQuery(since, user, eventName, limit), null);
    }

    public static JObject Model(IEnumerable<TokenAuditEvent> events) => new()
    {
        ["_class"] = "jenkinslite.ApiTokenAuditLog",
        ["events"] = new JArray(events.Select(Json)),
    };

    /// <summary>An event exactly as the file has it (times stay text, not re-parsed as dates).</summary>
    public static JObject Json(TokenAuditEvent e)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(TokenAuditFile.Serialize(e))) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }
}
