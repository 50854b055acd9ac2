using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Root;

internal static class RootEndpoints
{
    public static void MapRootEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET / (the dashboard; python-jenkins reads X-Jenkins from it: 200, 403 without Overall/Read)
        app.MapRead("/", () => Results.Text(
            "<!DOCTYPE html><html><head><title>Dashboard [Jenkins]</title></head><body><h1>JenkinsLite</h1></body></html>",
            "text/html;charset=utf-8")).Requires(Permission.OverallRead);

        // Emulates GET /api/{json,xml,python} (hudson.model.Hudson; needs Overall/Read)
        app.MapRead("/api/{flavor}", (HttpContext context, string flavor, JenkinsInstance instance) =>
            ApiResponse.Render(context, flavor, new JObject
            {
                ["_class"] = "hudson.model.Hudson",
                ["mode"] = "NORMAL",
                ["nodeDescription"] = "the Jenkins controller's built-in node",
                ["nodeName"] = string.Empty,
                ["numExecutors"] = instance.Security.NumExecutors,
                ["description"] = null,
                ["jobs"] = new JArray(),
                ["quietingDown"] = false,
                ["slaveAgentPort"] = -1,
                ["url"] = RootUrl.Of(context),
                ["useCrumbs"] = instance.Security.CrumbsRequired,
                ["useSecurity"] = true,
            }, "hudson")).Requires(Permission.OverallRead);
    }
}
