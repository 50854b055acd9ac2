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

        var self = context.IsUser(user.Id);
        return WebPage.Render<UserSecurityPage>(context, new
        {
            User = user,
            Tokens = users.TokensOf(user),
            Self = self,
            MayCreate = ApiTokens.ApiTokenEndpoints.MayCreateTokens(context, user),
            Settings = instance.ApiTokens,
            Scopes = context.Service<ApiTokens.Policy.TokenPolicy>().Current.ScopesFor(context.Has(Permission.Administer)),
            Now = instance.Options.Clock.GetUtcNow(),
        });
    }
}
