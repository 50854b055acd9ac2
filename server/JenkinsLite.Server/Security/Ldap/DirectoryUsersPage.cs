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
        app.MapRead(Path, (HttpContext context) => WebPage.Render<DirectoryUsersView>(context)).Requires(Permission.Administer);
}
