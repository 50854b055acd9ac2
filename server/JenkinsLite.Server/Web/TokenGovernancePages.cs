using System.Globalization;
using System.Text;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Core.Security.ApiTokens.Policy;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.ApiTokens.Inventory;
using JenkinsLite.Server.ApiTokens.Policy;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// The admins' token governance pages (token-governance.md sections 2, 6, 7): the policy, every token of the instance
/// with select + revoke, and the audit log; and the reminders on every page (section 8). The pages only read; their
/// forms post to the governance endpoints, which check permissions and values themselves.
/// </summary>
internal static class TokenGovernancePages
{
    public static void MapTokenGovernancePages(this IEndpointRouteBuilder app)
    {
        // JenkinsLite: GET /manage/apiTokenPolicy/ (the policy's fields; Administer)
        app.MapRead(PolicyEndpoints.PageUrl, PolicyPage).Requires(Permission.Administer);

        // JenkinsLite: GET /manage/apiTokens/?user=&state= (every token; filter, select and revoke; Administer)
        app.MapRead(InventoryEndpoints.PageUrl, InventoryPage).Requires(Permission.Administer);

        // JenkinsLite: GET /manage/apiTokens/audit/?user=&event=&since=&limit= (the audit log, newest first; Administer)
        app.MapRead(AuditEndpoints.PageUrl, AuditPage).Requires(Permission.Administer);
    }

    /// <summary>The owner's banner: "N API tokens expire within D days", on every page the user sees.</summary>
    public static string Banner(HttpContext context) =>
        context.Caller().User is { } user && context.RequestServices.GetService<TokenReminders>()?.BannerFor(user) is { } text
            ? $"""<p class="notice warning" role="status" id="token-expiry-banner">{Html.E(text)}. <a href="/user/{Html.Segment(user.Id)}/security/">Review your API tokens</a></p>"""
            : string.Empty;

    /// <summary>The administrative monitor on Manage Jenkins: how many tokens of the instance expire soon.</summary>
    public static string ExpiringMonitor(HttpContext context)
    {
        var reminders = context.RequestServices.GetRequiredService<TokenReminders>();
        var count = reminders.ExpiringSoonOfAll();
        return count == 0 ? string.Empty : $"""
            <section class="panel" id="token-expiry-monitor"><h2><span class="warn-sign">&#9888;</span> API tokens expire soon</h2>
              <p>{Html.Plural(count, "API token expires", "API tokens expire")} within {reminders.WarningDays} days.
              <a href="{InventoryEndpoints.PageUrl}?state=expiring">See the tokens expiring soon</a></p>
            </section>
            """;
    }

    private static IResult PolicyPage(HttpContext context, TokenPolicy policy)
    {
        var current = policy.Current;
        string Days(string name, string label, int value, string help) => $"""
            <div><label for="{name}">{label}</label><input type="number" min="0" max="{ApiTokenPolicyInput.MaxDays}" id="{name}" name="{name}" value="{value}" aria-describedby="{name}-help">
            <p class="help" id="{name}-help">{help}</p></div>
            """;
        var scopes = current.AllowedScopes ?? ApiTokenPolicy.ScopeNames;
        return WebPage.Render(context, "API token policy", $"""
            <h1>API token policy</h1>
            <section class="panel">
              <form method="post" action="/manage/apiTokenPolicy/configure" data-js="saved" id="token-policy">
                {WebPage.CrumbField(context)}<input type="hidden" name="fromPage" value="true"><p class="notice" data-role="message" hidden></p>
                {Days(ApiTokenPolicyInput.MaxLifetimeDays, "Maximum lifetime (days)", current.MaxLifetimeDays, "A new token must expire within this many days; 0: no limit.")}
                <label class="check"><input type="checkbox" id="{ApiTokenPolicyInput.RequireExpiration}" name="{ApiTokenPolicyInput.RequireExpiration}"{(current.RequireExpiration ? " checked" : string.Empty)}> New tokens must have an expiration date</label>
                {Days(ApiTokenPolicyInput.MaxUnusedDays, "Revoke tokens unused for (days)", current.MaxUnusedDays, "A daily sweep revokes tokens unused this long (or never used and created that long ago); 0: never.")}
                {Days(ApiTokenPolicyInput.ExpiryWarningDays, "Warn before expiry (days)", current.ExpiryWarningDays, "Tokens expiring within this many days are shown as expiring soon.")}
                <div><label for="{ApiTokenPolicyInput.AllowedScopes}">Scopes users who are not admins may create</label>
                <input type="text" id="{ApiTokenPolicyInput.AllowedScopes}" name="{ApiTokenPolicyInput.AllowedScopes}" value="{Html.E(string.Join(",", scopes))}" aria-describedby="scopes-help">
                <p class="help" id="scopes-help">Comma-separated: read, build, full, custom (or all).</p></div>
                <p><button type="submit" class="primary">Save</button></p>
              </form>
            </section>
            """);
    }

    private static IResult InventoryPage(HttpContext context, TokenInventoryService inventory)
    {
        var query = context.Request.Query;
        var user = query["user"].FirstOrDefault() is { Length: > 0 } u ? u : null;
        var stateText = query["state"].FirstOrDefault();
        if (!TokenInventoryService.TryParseState(stateText, out var state))
        {
            return Failure.Of(context, $"Unknown state '{stateText}'; use one of {string.Join(", ", TokenInventoryService.StateNames)}");
        }

        var rows = new StringBuilder();
        foreach (var row in inventory.Rows(user, state))
        {
            var token = row.Token;
            var label = $"{row.Owner.Id}: {token.Name}";
            rows.Append($"""
                <tr><td><input type="checkbox" data-user="{Html.E(row.Owner.Id)}" data-uuid="{Html.E(token.Uuid)}" aria-label="Select {Html.E(label)}"></td>
                <td><a href="/user/{Html.Segment(row.Owner.Id)}/security/">{Html.E(row.Owner.Id)}</a></td>
                <td>{(token.Legacy ? """<span class="warn-sign" title="Legacy token">&#9888;</span> """ : string.Empty)}{Html.E(token.Name)}</td>
                <td><span class="token-age age-{token.AgeLevel.ToString().ToLowerInvariant()}">{Html.E(token.AgeInDays is { } days ? Html.DaysAgo(days) : "Unknown")}</span></td>
                <td>{Html.E(token.Expired ? "Expired" : token.ExpirationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "Never")}{(row.ExpiringSoon ? " (soon)" : string.Empty)}</td>
                <td>{token.UseCount}</td><td>{Html.E(token.LastUseDate is null ? "Never" : Html.Date(token.LastUseDate))}</td><td>{Html.E(row.LastUseAddress ?? "-")}</td>
                <td>{Html.E(row.Governance.ScopeName)}</td><td>{Html.E(Flags(row))}</td></tr>
                """);
        }

        var options = string.Concat(new[] { string.Empty }.Concat(TokenInventoryService.StateNames).Select(s =>
            $"""<option value="{s}"{(s == (stateText ?? string.Empty) ? " selected" : string.Empty)}>{(s.Length == 0 ? "Any" : s)}</option>"""));
        var table = rows.Length == 0
            ? """<p class="notice" id="no-inventory-tokens">No token matches.</p>"""
            : $"""
              <table id="inventory"><thead><tr><th><input type="checkbox" data-select-all aria-label="Select all"></th><th>User</th><th>Token</th><th>Created</th>
              <th>Expires</th><th>Uses</th><th>Last use</th><th>Last address</th><th>Scope</th><th>Notes</th></tr></thead>
              <tbody>{rows}</tbody></table>
              <p><button type="submit" class="danger">Revoke the selected tokens</button></p>
              """;
        return WebPage.Render(context, "API tokens", $"""
            <h1>API tokens</h1>
            <section class="panel">
              <form method="get" action="{InventoryEndpoints.PageUrl}" class="row" id="inventory-filter">
                <div><label for="filter-user">User</label><input type="text" id="filter-user" name="user" value="{Html.E(user)}"></div>
                <div><label for="filter-state">State</label><select id="filter-state" name="state">{options}</select></div>
                <button type="submit">Filter</button>
              </form>
              <p class="help"><a href="{PolicyEndpoints.PageUrl}">Policy</a> &#183; <a href="{AuditEndpoints.PageUrl}">Audit log</a></p>
            </section>
            <section class="panel">
              <form method="post" action="/manage/apiTokens/revokeSelected" data-js="monitor"
                    data-confirm="Revoke the selected tokens? Scripts using them will stop working.">
                {WebPage.CrumbField(context)}<p class="notice" data-role="message" hidden></p>
                {table}
              </form>
            </section>
            """);
    }

    private static IResult AuditPage(HttpContext context, ITokenAuditLog log)
    {
        var (query, problem) = AuditEndpoints.QueryOf(context.Request.Query);
        if (problem is not null)
        {
            return Failure.Of(context, problem);
        }

        var rows = string.Concat(log.Read(query!).Select(e => $"""
            <tr><td>{Html.E(e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))}</td><td><code>{Html.E(e.Event)}</code></td>
            <td>{Html.E(e.Actor)} <span class="muted">({Html.E(e.ActorAuth)})</span></td><td>{Html.E(e.User ?? "-")}</td><td>{Html.E(e.TokenName ?? "-")}</td>
            <td>{Html.E(e.Address ?? "-")}</td><td>{Html.E(string.Join(", ", e.Details.Select(d => $"{d.Key}={d.Value}")))}</td></tr>
            """));
        var events = string.Concat(new[] { string.Empty }.Concat(TokenAuditEvents.All).Select(n =>
            $"""<option value="{n}"{(n == (query!.Event ?? string.Empty) ? " selected" : string.Empty)}>{(n.Length == 0 ? "Any" : n)}</option>"""));
        return WebPage.Render(context, "API token audit log", $"""
            <h1>API token audit log</h1>
            <section class="panel">
              <form method="get" action="{AuditEndpoints.PageUrl}" class="row" id="audit-filter">
                <div><label for="audit-user">User</label><input type="text" id="audit-user" name="user" value="{Html.E(query!.User)}"></div>
                <div><label for="audit-event">Event</label><select id="audit-event" name="event">{events}</select></div>
                <div><label for="audit-since">Since (ISO time)</label><input type="text" id="audit-since" name="since" value="{Html.E(context.Request.Query["since"].FirstOrDefault())}"></div>
                <button type="submit">Filter</button>
              </form>
            </section>
            <section class="panel">
              {(rows.Length == 0 ? """<p class="notice" id="no-audit-events">No event matches.</p>"""
                : $"""<table id="audit-events"><thead><tr><th>Time</th><th>Event</th><th>By</th><th>User</th><th>Token</th><th>Address</th><th>Details</th></tr></thead><tbody>{rows}</tbody></table>""")}
            </section>
            """);
    }

    private static string Flags(InventoryRow row)
    {
        var flags = new[] { row.Token.Expired ? "expired" : null, row.ExpiringSoon ? "expiring soon" : null, row.Stale ? "stale" : null, row.ViolatesPolicy ? "violates the policy" : null }
            .OfType<string>().ToList();
        return flags.Count == 0 ? "-" : string.Join(", ", flags);
    }
}
