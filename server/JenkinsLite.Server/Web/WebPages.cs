using JenkinsLite.Server.Security.Ldap;

namespace JenkinsLite.Server.Web;

/// <summary>The browser pages' route table; each page file maps its own routes.</summary>
internal static class WebPages
{
    public static void MapWebPages(this IEndpointRouteBuilder app)
    {
        app.MapStaticAssets();
        app.MapSignInPages();
        app.MapUserSecurityPages();
        app.MapAdminPages();
        app.MapDirectoryUsersPage();
        app.MapBuildConsolePage();
        app.MapNewItemPage();
        app.MapConfigurePage();
        app.MapTokenGovernancePages();
        app.MapViewPages();
    }
}
