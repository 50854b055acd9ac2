using System.Text;
using JenkinsLite.Server.Api;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// Every job-scoped route of the builds feature, at any folder depth, through one catch-all template:
/// other features' more specific templates win, and this splits what is left (see <see cref="JobRoute"/>).
/// </summary>
internal static class BuildRoutes
{
    private static readonly string[] AnyMethod = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"];

    public static void MapBuildRoutes(this IEndpointRouteBuilder app) =>
        app.MapMethods("/job/{**path}", AnyMethod, (Func<HttpContext, string?, Task<IResult>>)DispatchAsync);

    private static async Task<IResult> DispatchAsync(HttpContext context, string? path)
    {
        if (JobRoute.Parse(path) is not var (name, rest))
        {
            return JobAccess.NotFound("Not found");
        }

        var method = context.Request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var post = HttpMethods.IsPost(method);
        switch (rest)
        {
            case ["build"] when read || post:
                return await TriggerEndpoints.TriggerAsync(context, name, withParameters: false);
            case ["buildWithParameters"] when read || post:
                return await TriggerEndpoints.TriggerAsync(context, name, withParameters: true);
            case ["ws", .. var file] when read:
                return await WorkspaceEndpoints.ServeAsync(context, name, string.Join('/', file));
            case [var build, ..] when JobRoute.IsBuildReference(build):
                return await BuildActionAsync(context, name, build, rest[1..], read, post);
            default:
                return JobAccess.NotFound("Not found");
        }
    }

    private static async Task<IResult> BuildActionAsync(HttpContext context, string name, string build, string[] action, bool read, bool post) => action switch
    {
        [] when read => BuildEndpoints.Page(context, name, build),
        ["api", var flavor] when read => BuildEndpoints.Api(context, name, build, flavor),
        ["consoleText"] when read => BuildEndpoints.ConsoleText(context, name, build),
        ["logText", "progressiveText"] when read || post => await BuildEndpoints.ProgressiveTextAsync(context, name, build),
        ["stop"] when post => BuildEndpoints.Stop(context, name, build),
        ["doDelete"] when post => BuildEndpoints.Delete(context, name, build),
        ["submitDescription"] when post => await BuildEndpoints.SubmitDescriptionAsync(context, name, build),
        ["toggleLogKeep"] when post => BuildEndpoints.ToggleLogKeep(context, name, build),
        ["configSubmit"] when post => await BuildEndpoints.ConfigSubmitAsync(context, name, build),
        // configSubmit is Jenkins' @POST, not @RequirePOST: other methods match nothing and get 404.
        ["stop"] or ["doDelete"] or ["submitDescription"] or ["toggleLogKeep"] => RequirePost(context),
        ["artifact", .. var file] when read => await BuildEndpoints.ArtifactAsync(context, name, build, string.Join('/', file)),
        _ => JobAccess.NotFound("Not found"),
    };

    // Jenkins' @RequirePOST: any other method gets 405 with Allow: POST and never runs the action.
    private static IResult RequirePost(HttpContext context)
    {
        context.Response.Headers.Allow = "POST";
        return Results.Text("<html><body><h1>This URL requires POST</h1></body></html>", "text/html;charset=utf-8", Encoding.UTF8,
            StatusCodes.Status405MethodNotAllowed);
    }
}
