using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Jobs;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Computers;

/// <summary>
/// Jenkins' nodes (rest-api.md section 3): JenkinsLite has the built-in node only. Its URL name is
/// <c>(built-in)</c>; <c>(master)</c> (older Jenkins, node's client) and its display name "Built-In Node"
/// (what python-jenkins asks for) answer too.
/// </summary>
internal static class ComputerEndpoints
{
    private const string DisplayName = "Built-In Node";
    private static readonly HashSet<string> BuiltInNames = new(StringComparer.Ordinal) { "(built-in)", "(master)", DisplayName, "master" };

    public static void MapComputerEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET|HEAD /computer/api/{json,xml,python} (hudson.model.ComputerSet: 200)
        app.MapRead("/computer/api/{flavor}", (HttpContext context, string flavor, JenkinsInstance instance, JobRegistry jobs, IBuildHistory history) =>
        {
            var executors = instance.Security.NumExecutors;
            var running = Running(context, jobs, history);
            return ApiResponse.Render(context, flavor, depth => new JObject
            {
                ["_class"] = "hudson.model.ComputerSet",
                ["busyExecutors"] = Math.Min(running.Count, executors),
                ["computer"] = new JArray(BuiltIn(executors, running, depth)),
                ["displayName"] = "Nodes",
                ["totalExecutors"] = executors,
            }, "computerSet");
        }).Requires(Permission.OverallRead);

        // Emulates GET|HEAD /computer/C/api/{json,xml,python} (the built-in node under any of its names: 200; else 404)
        app.MapRead("/computer/{name}/api/{flavor}", (HttpContext context, string name, string flavor, JenkinsInstance instance, JobRegistry jobs, IBuildHistory history) =>
        {
            if (!BuiltInNames.Contains(name))
            {
                return Results.NotFound();
            }

            var running = Running(context, jobs, history);
            return ApiResponse.Render(context, flavor, depth => BuiltIn(instance.Security.NumExecutors, running, depth), "masterComputer");
        }).Requires(Permission.OverallRead);

        // Emulates GET /computer/C/ (HTML page: 200; unknown: 404)
        app.MapRead("/computer/{name}", (string name) => BuiltInNames.Contains(name)
            ? Results.Text($"<!DOCTYPE html><html><head><title>{DisplayName} [Jenkins]</title></head><body></body></html>", "text/html;charset=utf-8")
            : Results.NotFound()).Requires(Permission.OverallRead);
    }

    private static JObject BuiltIn(int executors, List<JObject> running, int depth) => new()
    {
        ["_class"] = "hudson.model.Hudson$MasterComputer",
        ["actions"] = new JArray(),
        ["assignedLabels"] = new JArray(new JObject { ["name"] = "built-in" }),
        ["description"] = "the Jenkins controller's built-in node",
        ["displayName"] = DisplayName,
        ["executors"] = new JArray(Enumerable.Range(0, executors).Select(i => new JObject
        {
            ["currentExecutable"] = i < running.Count ? running[i] : null,
            ["idle"] = i >= running.Count,
            ["likelyStuck"] = false,
            ["number"] = i,
            ["progress"] = i < running.Count ? 0 : -1,
        })),
        ["icon"] = "symbol-computer",
        ["iconClassName"] = "symbol-computer",
        ["idle"] = running.Count == 0,
        ["jnlpAgent"] = false,
        ["launchSupported"] = true,
        ["loadStatistics"] = new JObject { ["_class"] = "hudson.model.Label$1" },
        ["manualLaunchAllowed"] = true,
        ["monitorData"] = new JObject(),
        ["numExecutors"] = executors,
        ["offline"] = false,
        ["offlineCause"] = null,
        ["offlineCauseReason"] = string.Empty,
        ["oneOffExecutors"] = new JArray(),
        ["temporarilyOffline"] = false,
    };

    // The builds running now, as executors show them: {_class, number, url}.
    private static List<JObject> Running(HttpContext context, JobRegistry jobs, IBuildHistory history) =>
        [.. jobs.All()
            .Where(j => j.Config.Kind != ItemKind.Folder && history.IsBuilding(j.FullName))
            .SelectMany(j => history.BuildsOf(j.FullName).Where(b => b.Building).Select(b => new JObject
            {
                ["_class"] = JobModel.FreeStyleBuildClass,
                ["number"] = b.Number,
                ["url"] = $"{JobRoutes.UrlOf(context, j.FullName)}{b.Number}/",
            }))];
}
