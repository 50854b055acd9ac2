using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Manage Jenkins for admins: the security settings, the legacy-token monitor, data files that could not
/// be read, and the users. The pages only read; their forms post to the admin endpoints.
/// </summary>
internal static class AdminPages
{
    public static void MapAdminPages(this IEndpointRouteBuilder app)
    {
        // Emulates GET /manage/ (Manage Jenkins; Administer)
        app.MapRead("/manage/", Index).Requires(Permission.Administer);

        // Emulates GET /manage/configureSecurity/ (the API token switches; the strategy read-only; Administer)
        app.MapRead("/manage/configureSecurity/", Security).Requires(Permission.Administer);

        // Emulates GET /administrativeMonitor/legacyApiToken/manage (users with a legacy token; select and revoke; Administer)
        app.MapRead("/administrativeMonitor/legacyApiToken/manage", LegacyMonitor).Requires(Permission.Administer);

        // JenkinsLite: GET /manage/unreadableData/ (data files that could not be read; Administer)
        app.MapRead("/manage/unreadableData/", Unreadable).Requires(Permission.Administer);

        // Emulates GET /manage/securityRealm/ (users: create, delete; Administer)
        app.MapRead("/manage/securityRealm/", Users).Requires(Permission.Administer);
    }

    private static IResult Index(HttpContext context, UserAccounts users, Builds.BuildSandbox sandbox) => WebPage.Render(context, "Manage Jenkins", $"""
        <h1>Manage Jenkins</h1>
        {SandboxMonitor(sandbox.State)}
        {TokenGovernancePages.ExpiringMonitor(context)}
        <section class="panel"><ul>
          <li><a href="/manage/configureSecurity/">Security</a> &#8212; API token settings and how access is decided</li>
          <li><a href="/administrativeMonitor/legacyApiToken/manage">Legacy API tokens</a> &#8212; {Html.Plural(users.LegacyTokenHolders().Count, "user still has", "users still have")} one</li>
          <li><a href="/manage/apiTokens/">API tokens</a> &#8212; every token of every user; <a href="/manage/apiTokenPolicy/">policy</a>, <a href="/manage/apiTokens/audit/">audit log</a></li>
          <li><a href="/manage/securityRealm/">Users</a> &#8212; create and delete users</li>{(context.RequestServices.GetRequiredService<JenkinsInstance>().Security.Ldap is null ? string.Empty : $"\n          <li><a href=\"{JenkinsLite.Server.Security.Ldap.DirectoryUsersPage.Path}\">Users unknown to the directory</a> &#8212; local users with tokens the LDAP directory does not know</li>")}
          <li><a href="/manage/unreadableData/">Unreadable data</a> &#8212; {Html.Plural(users.Unreadable.Count, "file", "files")} that could not be read</li>
        </ul></section>
        {ShutdownPanel(context)}
        """);

    // Our administrative monitor (decisions.md #16): builds that can read the home's secrets are worth a warning.
    private static string SandboxMonitor(Builds.SandboxState state) => state.Sandboxed ? string.Empty : $"""
        <section class="panel" id="build-sandbox-monitor"><h2><span class="warn-sign">&#9888;</span> Builds are not sandboxed</h2>
          <p>{Html.E(state.Problem!)}.</p>
          <p class="help">A build step can then read <code>secrets/</code>, every user's <code>config.xml</code> and other jobs' folders.
          Install bubblewrap and leave out <code>&lt;jenkinslite.buildSandbox&gt;</code> (or set it to <code>sandbox</code>) in the home's
          <code>config.xml</code>, then reload the configuration.</p>
        </section>
        """;

    // Jenkins' "Prepare for Shutdown": quiet-down from the browser, and its cancel (the quietDown endpoints, Overall/Manage).
    private static string ShutdownPanel(HttpContext context)
    {
        var crumb = WebPage.CrumbField(context);
        return context.RequestServices.GetRequiredService<QuietDown>().IsQuietingDown
            ? $"""
              <section class="panel" id="shutdown"><h2>Prepare for Shutdown</h2><p>No new build starts; running builds finish.</p>
              <form method="post" action="/cancelQuietDown" data-js="reload">{crumb}<button type="submit">Cancel Shutdown</button><span class="notice" data-role="message" hidden></span></form></section>
              """
            : $"""
              <section class="panel" id="shutdown"><h2>Prepare for Shutdown</h2><p class="help">Stops new builds from starting, so the server can be stopped once the running ones have finished.</p>
              <form method="post" action="/quietDown" data-js="reload" class="row">{crumb}
              <div><label for="quiet-reason">Reason shown to users</label><input type="text" id="quiet-reason" name="message"></div>
              <button type="submit">Prepare for Shutdown</button><span class="notice" data-role="message" hidden></span></form></section>
              """;
    }

    private static IResult Security(HttpContext context, JenkinsInstance instance)
    {
        var settings = instance.ApiTokens;
        var security = instance.Security;
        var anonymousRead = security.Authorization.HasPermission(Caller.Anonymous, Permission.OverallRead);
        string Box(string name, bool on, string label) =>
            $"""<label class="check"><input type="checkbox" name="{name}" id="{name}"{(on ? " checked" : string.Empty)}> {label}</label>""";
        return WebPage.Render(context, "Security", $"""
            <h1>Security</h1>
            <section class="panel"><h2>API Token</h2>
              <form method="post" action="/manage/apiTokenSettings/configure" data-js="saved" id="token-settings">
                {WebPage.CrumbField(context)}<p class="notice" data-role="message" hidden></p>
                {Box("tokenGenerationOnCreationEnabled", settings.TokenGenerationOnCreationEnabled, "Generate a legacy API token for each newly created user (Not recommended)")}
                {Box("creationOfLegacyTokenEnabled", settings.CreationOfLegacyTokenEnabled, "Allow users to manually create a legacy API token (Not recommended)")}
                {Box("usageStatisticsEnabled", settings.UsageStatisticsEnabled, "Enable API Token usage statistics")}
                <p><button type="submit" class="primary">Save</button></p>
              </form>
            </section>
            <section class="panel"><h2>Authentication and authorization</h2>
              <p class="help">Read from the home's <code>config.xml</code>; edit that file and reload to change them.</p>
              <table>
                <tr><th>Security realm</th><td>{(security.PrivateUserDatabase ? "Jenkins' own user database" : security.Ldap is not null ? "LDAP directory (hudson.security.LDAPSecurityRealm)" : "None (passwords are not accepted)")}</td></tr>
                <tr><th>Authorization strategy</th><td><code>{Html.E(security.Authorization.ClassName)}</code></td></tr>
                <tr><th>Anonymous read access</th><td id="anonymous-read">{(anonymousRead ? "Allowed" : "Denied")}</td></tr>
                <tr><th>CSRF protection</th><td>{(security.CrumbsRequired ? "Crumbs required for every change made with a password or session" : "Off")}</td></tr>
              </table>
            </section>
            """);
    }

    private static IResult LegacyMonitor(HttpContext context, UserAccounts users)
    {
        var rows = new StringBuilder();
        foreach (var (user, legacy, fresh, recent) in users.LegacyTokenHolders())
        {
            rows.Append($"""
                <tr><td><input type="checkbox" data-user="{Html.E(user.Id)}" data-uuid="{Html.E(legacy.Uuid)}" aria-label="Select {Html.E(user.Id)}"></td>
                <td><a href="/user/{Html.Segment(user.Id)}/security/">{Html.E(user.Id)}</a></td>
                <td>{Html.E(Html.Date(legacy.CreationDate))}</td><td>{legacy.UseCount}</td><td>{Html.E(legacy.LastUseDate is null ? "Never" : Html.Date(legacy.LastUseDate))}</td>
                <td>{(fresh ? "Yes" : "No")}</td><td>{(recent ? "Yes" : "No")}</td></tr>
                """);
        }

        var table = rows.Length == 0
            ? """<p class="notice success" id="no-legacy">No user has a legacy API token.</p>"""
            : $"""
              <table id="legacy-users"><thead><tr><th><input type="checkbox" data-select-all aria-label="Select all"></th><th>User</th><th>Created</th><th>Uses</th><th>Last use</th><th>Has a newer token</th><th>Newer token used since</th></tr></thead>
              <tbody>{rows}</tbody></table>
              <p><button type="submit" class="danger">Revoke the selected tokens</button></p>
              """;
        return WebPage.Render(context, "Legacy API tokens", $"""
            <h1><span class="warn-sign">&#9888;</span> Legacy API tokens</h1>
            <section class="panel">
              <p class="help">Legacy tokens can be recovered from Jenkins' files and were made without their users' choice. Revoke them once
              their scripts use a new token: "Newer token used since" says a user already moved on.</p>
              <form method="post" action="/administrativeMonitor/legacyApiToken/revokeAllSelected" data-js="monitor"
                    data-confirm="Revoke the selected legacy tokens? Scripts using them will stop working.">
                {WebPage.CrumbField(context)}<p class="notice" data-role="message" hidden></p>
                {table}
              </form>
            </section>
            """);
    }

    private static IResult Unreadable(HttpContext context, UserAccounts users)
    {
        var rows = string.Concat(users.Unreadable.Select(f => $"""
            <tr><td><code>{Html.E(f.RelativePath)}</code></td><td>{Html.E(f.UserId)}</td><td>{Html.E(f.Error)}</td><td>{f.Line}</td><td>{f.Column}</td></tr>
            """));
        return WebPage.Render(context, "Unreadable data", $"""
            <h1>Unreadable data</h1>
            <section class="panel">
              <p class="help">These files could not be read. Their users cannot sign in, and the files are never overwritten:
              repair or remove them, then reload the configuration.</p>
              {(rows.Length == 0 ? """<p class="notice success">Every data file could be read.</p>"""
                : $"""<table id="unreadable"><thead><tr><th>File</th><th>User</th><th>Error</th><th>Line</th><th>Column</th></tr></thead><tbody>{rows}</tbody></table>""")}
            </section>
            """);
    }

    private static IResult Users(HttpContext context, UserAccounts users)
    {
        var crumb = WebPage.CrumbField(context);
        var me = context.Caller().User?.Id;
        var rows = string.Concat(users.All.Select(u => $"""
            <tr><td><a href="/user/{Html.Segment(u.Id)}/security/">{Html.E(u.Id)}</a></td><td>{Html.E(u.FullName)}</td>
            <td>{(string.Equals(u.Id, me, StringComparison.OrdinalIgnoreCase) ? """<span class="muted">you</span>""" : $"""
              <form method="post" action="/user/{Html.Segment(u.Id)}/doDelete" data-js="reload" class="inline" data-confirm="Delete user {Html.E(u.Id)} and their tokens?">{crumb}<button type="submit" class="danger">Delete</button><span class="notice" data-role="message" hidden></span></form>
              """)}</td></tr>
            """));
        return WebPage.Render(context, "Users", $"""
            <h1>Users</h1>
            <section class="panel"><table id="users"><thead><tr><th>User ID</th><th>Name</th><th></th></tr></thead><tbody>{rows}</tbody></table></section>
            <section class="panel"><h2>Create user</h2>
              <form method="post" action="/securityRealm/createAccountByAdmin" data-js="reload" id="create-user">
                {crumb}<p class="notice" data-role="message" hidden></p>
                <div class="row">
                  <div><label for="username">Username</label><input type="text" id="username" name="username" required></div>
                  <div><label for="fullname">Full name</label><input type="text" id="fullname" name="fullname"></div>
                  <div><label for="new-password1">Password</label><input type="password" id="new-password1" name="password1" autocomplete="new-password" required></div>
                  <div><label for="new-password2">Confirm password</label><input type="password" id="new-password2" name="password2" autocomplete="new-password" required></div>
                  <button type="submit" class="primary">Create user</button>
                </div>
              </form>
            </section>
            """);
    }
}
