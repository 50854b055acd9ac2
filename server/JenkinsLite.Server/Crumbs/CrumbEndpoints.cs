using System.Text;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Crumbs;

internal static class CrumbEndpoints
{
    private static readonly Dictionary<string, Func<string, string>> XPathForms = new(StringComparer.Ordinal)
    {
        ["concat(//crumbRequestField,\":\",//crumb)"] = crumb => $"{CrumbIssuer.Field}:{crumb}",
        ["concat(//crumbRequestField,'=',//crumb)"] = crumb => $"{CrumbIssuer.Field}={crumb}",
        ["/*/crumbRequestField/text()"] = _ => CrumbIssuer.Field,
        ["/*/crumb/text()"] = crumb => crumb,
    };

    public static void MapCrumbEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET /crumbIssuer/api/{json,xml} (DefaultCrumbIssuer: 200; 403 without Overall/Read; 404 when CSRF is off)
        app.MapRead("/crumbIssuer/api/{flavor}", Issue).Requires(Permission.OverallRead);
    }

    private static IResult Issue(HttpContext context, string flavor, JenkinsInstance instance, CrumbIssuer crumbs, SessionStore sessions)
    {
        if (!instance.Security.CrumbsRequired)
        {
            return Results.NotFound();
        }

        var caller = context.Caller();
        var sessionId = caller.SessionId;
        // A token caller needs no crumb and gets no session; everyone else's crumb is bound to a session.
        if (caller.Method != AuthMethod.Token && sessionId is null)
        {
            sessionId = sessions.Open(caller.User?.Id, caller.User?.PasswordHash);
            sessions.WriteCookie(context, sessionId);
        }

        var crumb = crumbs.CrumbFor(caller, caller.Method == AuthMethod.Token ? null : sessionId);
        if (flavor == "xml" && context.Request.Query["xpath"].FirstOrDefault() is { } xpath)
        {
            return XPathForms.TryGetValue(xpath, out var form)
                ? Results.Text(form(crumb), "text/plain;charset=utf-8", Encoding.UTF8)
                : Results.Text("This xpath is not allowed.", "text/plain", Encoding.UTF8, StatusCodes.Status403Forbidden);
        }

        var model = new JObject
        {
            ["_class"] = "hudson.security.csrf.DefaultCrumbIssuer",
            ["crumb"] = crumb,
            ["crumbRequestField"] = CrumbIssuer.Field,
        };
        return ApiResponse.Render(context, flavor, model, "defaultCrumbIssuer");
    }
}
