using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Plugins;

/// <summary>
/// Jenkins' plugin manager API with no plugins: JenkinsLite emulates core only, and an empty list is what
/// makes jenkins-job-builder assume current plugins (rest-api.md section 3).
/// </summary>
internal static class PluginEndpoints
{
    public static void MapPluginEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET|HEAD /pluginManager/api/{json,xml,python} (hudson.LocalPluginManager, empty list: 200;
        // Jenkins needs Overall/SystemRead, which without its switch means Administer: 403 otherwise)
        app.MapRead("/pluginManager/api/{flavor}", (HttpContext context, string flavor) =>
            ApiResponse.Render(context, flavor, new JObject
            {
                ["_class"] = "hudson.LocalPluginManager",
                ["plugins"] = new JArray(),
            }, "localPluginManager")).Requires(Permission.SystemRead);
    }
}
