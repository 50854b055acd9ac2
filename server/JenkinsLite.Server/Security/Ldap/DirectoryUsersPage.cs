using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Web;

namespace JenkinsLite.Server.Security.Ldap;

/// <summary>
/// Tells admins which local users hold API tokens the LDAP directory does not know, typically after switching
/// the realm from Jenkins' own database. Their records and tokens are kept; the tokens cannot be used while
/// the directory does not know them.
/// </summary>
internal static class DirectoryUsersPage
{
    public const string Path = "/manage/directoryUsers/";

    public static void MapDirectoryUsersPage(this IEndpointRouteBuilder app) =>
        // JenkinsLite: GET /manage/directoryUsers/ (users with tokens the directory does not know; Administer)
        app.MapRead(Path, (HttpContext context, SignInRealm realm) =>
        {
            var rows = string.Concat(realm.UnknownUsersWithTokens().Select(u =>
                $"""<tr><td>{Html.E(u.Id)}</td><td>{Html.E(u.FullName)}</td><td>{u.Tokens.Tokens.Count}</td></tr>"""));
            return WebPage.Render(context, "Users unknown to the directory", $"""
                <h1>Users unknown to the directory</h1>
                <section class="panel">
                  <p class="help">These local users have API tokens, but the LDAP directory does not know them, so the tokens
                  are refused. Nothing is deleted: a user the directory knows again (same id) gets their tokens back.</p>
                  <table id="unknown-users"><tr><th>User</th><th>Name</th><th>Tokens</th></tr>{rows}</table>
                </section>
                """);
        }).Requires(Permission.Administer);
}
