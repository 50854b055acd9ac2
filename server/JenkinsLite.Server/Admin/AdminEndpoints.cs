using System.Text;
using JenkinsLite.Core;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Admin;

internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates POST /reload (Jenkins.doReload: 302 to /; needs Administer). A file that does not parse
        // is answered 500 with its name and line, and the previous state stays in force.
        app.MapPostOnly("/reload", (JenkinsInstance instance) =>
        {
            try
            {
                instance.Reload();
                return Results.Redirect("/");
            }
            catch (HomeDataException e)
            {
                return Results.Text($"Reload failed, nothing changed: {e.Message}", "text/plain;charset=utf-8", Encoding.UTF8,
                    StatusCodes.Status500InternalServerError);
            }
        }).Requires(Permission.Administer);

        // JenkinsLite: GET /manage/unreadableData/api/json — data files that could not be read (Jenkins' "old data")
        app.MapRead("/manage/unreadableData/api/{flavor}", (HttpContext context, string flavor, JenkinsInstance instance) =>
            ApiResponse.Render(context, flavor, new JObject
            {
                ["_class"] = "jenkinslite.UnreadableData",
                ["files"] = new JArray(instance.Unreadable.Select(f => new JObject
                {
                    ["path"] = f.RelativePath,
                    ["userId"] = f.UserId,
                    ["error"] = f.Error,
                    ["line"] = f.Line,
                    ["column"] = f.Column,
                })),
            }, "unreadableData")).Requires(Permission.Administer);
    }
}
