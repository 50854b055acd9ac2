using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;
using JenkinsLite.Server.Web.Manage;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Manage Jenkins for admins: the security settings, the legacy-token monitor, data files that could not
/// be read, and the users. The pages (in Manage/) only read; their forms post to the admin endpoints.
/// </summary>
internal static class AdminPages
{
    public static void MapAdminPages(this IEndpointRouteBuilder app)
    {
        // Emulates GET /manage/ (Manage Jenkins; Administer)
        app.MapRead("/manage/", (HttpContext context) => WebPage.Render<ManageIndexPage>(context)).Requires(Permission.Administer);

        // Emulates GET /manage/configureSecurity/ (the API token switches; the strategy read-only; Administer)
        app.MapRead("/manage/configureSecurity/", (HttpContext context) => WebPage.Render<ConfigureSecurityPage>(context)).Requires(Permission.Administer);

        // Emulates GET /administrativeMonitor/legacyApiToken/manage (users with a legacy token; select and revoke; Administer)
        app.MapRead("/administrativeMonitor/legacyApiToken/manage", (HttpContext context) => WebPage.Render<LegacyTokenMonitorPage>(context))
            .Requires(Permission.Administer);

        // JenkinsLite: GET /manage/unreadableData/ (data files that could not be read; Administer)
        app.MapRead("/manage/unreadableData/", (HttpContext context) => WebPage.Render<UnreadableDataPage>(context)).Requires(Permission.Administer);

        // Emulates GET /manage/securityRealm/ (users: create, delete; Administer)
        app.MapRead("/manage/securityRealm/", (HttpContext context) => WebPage.Render<UsersPage>(context)).Requires(Permission.Administer);
    }
}
