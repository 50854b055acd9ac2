using System.Text;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// A user's Security page (Jenkins 2.468+: <c>/user/&lt;id&gt;/security/</c>): the API tokens with their age
/// and use, new tokens shown once, the legacy token marked as a risk, and the password. It only reads;
/// every change goes through the token and user endpoints, which check permissions themselves.
/// </summary>
internal static class UserSecurityPages
{
    private const string Descriptor = "descriptorByName/jenkins.security.ApiTokenProperty";

    public static void MapUserSecurityPages(this IEndpointRouteBuilder app)
    {
        // Emulates GET /user/{id}/security/ (routing ignores the trailing slash; the user or an admin: 200; others 403; unknown user 404)
        app.MapRead("/user/{id}/security/", Page).Requires(Permission.OverallRead);

        // Emulates GET /me/security/ and Jenkins' older /user/{id}/configure: 302 to the Security page
        app.MapRead("/me/security/", (HttpContext context) => context.Caller().User is { } me
            ? Results.Redirect($"/user/{Uri.EscapeDataString(me.Id)}/security/")
            : Forbidden.For(context, null));
        app.MapRead("/user/{id}/configure", (string id) => Results.Redirect($"/user/{Uri.EscapeDataString(id)}/security/"));
    }

    private static IResult Page(HttpContext context, string id, UserAccounts users, JenkinsInstance instance)
    {
        var user = users.Find(id);
        if (user is null || !context.ControlsUser(user.Id))
        {
            // Whether a user exists is nobody's business but an admin's.
            return user is null && context.Has(Permission.Administer) ? Results.NotFound() : Forbidden.For(context, Permission.Administer);
        }

        var tokens = users.TokensOf(user);
        var self = context.IsUser(user.Id);
        var mayCreate = ApiTokens.ApiTokenEndpoints.MayCreateTokens(context, user);
        var stats = instance.ApiTokens.UsageStatisticsEnabled;
        var crumb = WebPage.CrumbField(context);
        var baseUrl = $"/user/{Html.Segment(user.Id)}/{Descriptor}";

        var rows = new StringBuilder();
        foreach (var token in tokens)
        {
            rows.Append(TokenRow(token, baseUrl, crumb, stats, instance.Options.Clock.GetUtcNow()));
        }

        var body = $"""
            <h1>Security &#8212; {Html.E(user.FullName)} <span class="muted">({Html.E(user.Id)})</span></h1>
            <p id="page-message" class="notice" hidden></p>
            <section class="panel" id="api-token">
              <h2>API Token</h2>
              <p class="help">API tokens let scripts and tools call Jenkins' HTTP API as you: use your user name with a token
              instead of your password (HTTP Basic). Use one token per application, protect it like a password, and
              replace it about every six months; a token's age turns orange after 180 days and red after 360.</p>
              <h3>Current token(s)</h3>
              <ul class="tokens" id="tokens">{rows}</ul>
              <p class="notice" id="no-tokens"{(tokens.Count == 0 ? string.Empty : " hidden")}>No API tokens configured</p>
              {(mayCreate ? NewTokenForm(baseUrl, crumb) : """<p class="muted">Only the user can create tokens for themself.</p>""")}
              <template id="token-row">{TemplateRow(baseUrl, crumb)}</template>
            </section>
            {LegacySection(user, tokens, instance.ApiTokens, baseUrl, crumb, self)}
            <section class="panel" id="password">
              <h2>Password</h2>
              <form method="post" action="/user/{Html.Segment(user.Id)}/changePassword" data-js="saved" data-reset
                    data-done="{(self ? "Password changed. Your session has ended: sign in again with the new password." : "Password changed. The user's open sessions have ended.")}">
                {crumb}
                <p class="notice" data-role="message" hidden></p>
                <div class="row">
                  <div><label for="password1">New password</label><input type="password" id="password1" name="password1" autocomplete="new-password" required></div>
                  <div><label for="password2">Confirm password</label><input type="password" id="password2" name="password2" autocomplete="new-password" required></div>
                  <button type="submit" class="primary">Change password</button>
                </div>
              </form>
            </section>
            """;
        return WebPage.Render(context, $"Security of {user.Id}", body);
    }

    private static string TokenRow(TokenView token, string baseUrl, string crumb, bool stats, DateTimeOffset now)
    {
        var legacy = token.Legacy
            ? """<span class="warn-sign" title="This is a legacy token: it can be recovered from Jenkins' files and was created without your choice. Revoke it and create a new token.">&#9888;</span> """
            : string.Empty;
        var age = token.AgeInDays is { } days
            ? $"""<span class="token-age age-{token.AgeLevel.ToString().ToLowerInvariant()}" title="Created on {Html.E(Html.Date(token.CreationDate))}">Created {Html.DaysAgo(days)}</span>"""
            : """<span class="token-age age-none" title="There is no creation date for that token">Creation date unknown</span>""";
        var expiry = token.Expired ? "This token has expired"
            : token.ExpirationDate is { } date ? $"Expires on {date:yyyy-MM-dd}"
            : "This token does not expire";
        var usage = !stats ? "No statistics available"
            : token.UseCount == 0 ? "Never used"
            : $"Used {Html.Plural(token.UseCount, "time", "times")}, last time {UsedAgo(token.LastUseDate, now)}";
        return $"""
            <li class="token{(token.Legacy ? " legacy-token" : string.Empty)}" data-uuid="{Html.E(token.Uuid)}">
              <div>{legacy}<span class="token-name">{Html.E(token.Name)}</span>{ScopeBadge(token)}</div>
              <div class="token-facts">{age}<span class="token-expiry{(token.Expired || token.AboutToExpire ? " age-red" : string.Empty)}">{expiry}</span><span class="token-usage">{Html.E(usage)}</span></div>
              <div class="token-actions">{RowActions(baseUrl, crumb, token.Uuid, token.Name)}</div>
            </li>
            """;
    }

    // Full tokens (Jenkins' only kind) show nothing extra.
    private static string ScopeBadge(TokenView token) =>
        token.Scope is not { IsFull: false } scope
            ? string.Empty
            : $""" <span class="token-scope muted">scope: {Html.E(scope.Name)}{(scope.LimitsItems ? " on " + Html.E(string.Join(", ", scope.Items)) : string.Empty)}</span>""";

    private static string TemplateRow(string baseUrl, string crumb) => $"""
        <li class="token" data-uuid="">
          <div><span class="token-name"></span></div>
          <div class="token-facts"><span class="token-age age-none">Created today</span><span class="token-expiry"></span><span class="token-usage">Never used</span></div>
          <div class="token-actions">{RowActions(baseUrl, crumb, string.Empty, string.Empty)}</div>
        </li>
        """;

    private static string RowActions(string baseUrl, string crumb, string uuid, string name) => $"""
        <form method="post" action="{baseUrl}/rename" data-js="rename" class="inline">{crumb}<input type="hidden" name="tokenUuid" value="{Html.E(uuid)}"><input type="text" name="newName" aria-label="New name" hidden maxlength="{UserAccounts.MaxTokenNameLength}"> <button type="submit">Rename</button><span class="notice" data-role="message" hidden></span></form>
        <form method="post" action="{baseUrl}/revoke" data-js="revoke" class="inline" data-confirm="Revoke token &#8220;{Html.E(name)}&#8221;? Scripts using it will stop working.">{crumb}<input type="hidden" name="tokenUuid" value="{Html.E(uuid)}"><button type="submit" class="danger">Revoke</button></form>
        """;

    private static string NewTokenForm(string baseUrl, string crumb) => $"""
        <h3>Add new token</h3>
        <form method="post" action="{baseUrl}/generateNewToken" data-js="generate" id="new-token-form">
          {crumb}
          <p class="notice" data-role="message" hidden></p>
          <p class="help" id="tokenScopeHelp">A token never does more than you may; its scope can narrow it further.</p>
          <div class="row">
            <div><label for="newTokenName">Name</label><input type="text" id="newTokenName" name="newTokenName" placeholder="Default name" maxlength="{UserAccounts.MaxTokenNameLength}"></div>
            <div><label for="expirationDuration">Expiration</label><select id="expirationDuration" name="expirationDuration">
              <option value="7">7 days</option><option value="30" selected>30 days</option><option value="60">60 days</option>
              <option value="90">90 days</option><option value="custom">Custom date</option><option value="never">No expiration</option></select></div>
            <div class="custom-date" hidden><label for="tokenExpiration">Expires on</label><input type="date" id="tokenExpiration" name="tokenExpiration"></div>
            <div><label for="tokenScope">Scope</label><select id="tokenScope" name="scope" aria-describedby="tokenScopeHelp">
              <option value="full" selected>Full: everything you may do</option><option value="read">Read: see jobs, builds and views</option>
              <option value="build">Build: read, start and stop builds</option></select></div>
            <button type="submit" class="primary">Generate</button>
          </div>
        </form>
        <div class="notice success new-token" id="new-token" hidden>
          <p>New token <strong class="new-token-name"></strong>:</p>
          <p><code id="new-token-value"></code> <button type="button" data-copy="new-token-value">Copy</button></p>
          <p><strong>Copy this token now, because it cannot be recovered in the future.</strong> Only a salted hash of it is kept.</p>
        </div>
        """;

    /// <param name="self">The owner may show the current legacy token again, as in Jenkins (never an admin: Jenkins' showTokenToAdmins is off).</param>
    private static string LegacySection(User user, IReadOnlyList<TokenView> tokens, ApiTokenSettings settings, string baseUrl, string crumb, bool self)
    {
        var hasLegacy = tokens.Any(t => t.Legacy);
        if (!hasLegacy && !settings.CreationOfLegacyTokenEnabled)
        {
            return string.Empty; // nothing to show and nothing allowed, as Jenkins' mustDisplayLegacyApiToken
        }

        var state = hasLegacy
            ? """<span class="warn-sign">&#9888;</span> This user has a legacy API token (marked above). Revoke it and create a new token; changing it only replaces one legacy token with another."""
            : "This user currently does not have a legacy token.";
        var show = self && hasLegacy && user.Legacy is { } legacy
            ? $"""
              <details id="legacy-show"><summary>Show Legacy API Token</summary>
              <p><code id="legacy-current">{Html.E(legacy.UserFacingValue)}</code> <button type="button" data-copy="legacy-current">Copy</button></p></details>
              """
            : string.Empty;
        return $"""
            <section class="panel warning" id="legacy">
              <h2>Legacy API token</h2>
              <p id="legacy-state">{state}</p>
              {show}
              <form method="post" action="{baseUrl}/changeToken" data-js="legacy" data-confirm="Replace the legacy token of {Html.E(user.Id)}? The current one stops working.">
                {crumb}<p class="notice" data-role="message" hidden></p>
                <button type="submit">{(hasLegacy ? "Change API Token" : "Create legacy API token")}</button>
              </form>
              <div class="new-token" id="legacy-value" hidden><p><code id="legacy-token-value"></code> <button type="button" data-copy="legacy-token-value">Copy</button></p>
              <p><strong>Copy this token now.</strong></p></div>
            </section>
            """;
    }

    private static string UsedAgo(DateTimeOffset? lastUse, DateTimeOffset now) => lastUse is { } when
        ? Html.DaysAgo((int)Math.Floor((now - when).TotalDays))
        : "unknown";
}
