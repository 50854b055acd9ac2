using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Nodes;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Builds;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;
using JenkinsLite.Server.Web;
using Microsoft.AspNetCore.Http.Features;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Computers;

/// <summary>
/// Jenkins' nodes (rest-api.md section 3): JenkinsLite has the built-in node only. Its URL name is
/// <c>(built-in)</c>; <c>(master)</c> (older Jenkins, node's client) and its display name "Built-In Node"
/// (what python-jenkins asks for) answer too. A user may take it offline: then no build starts.
/// </summary>
internal static class ComputerEndpoints
{

    public static void MapComputerEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET|HEAD /computer/api/{json,xml,python} (hudson.model.ComputerSet: 200)
        app.MapRead("/computer/api/{flavor}", (HttpContext context, string flavor, BuiltInNode node, JobRegistry jobs, BuildQueue queue) =>
        {
            var running = Running(context, jobs, queue);
            var executors = node.IsOffline ? 0 : node.NumExecutors; // Jenkins counts the executors of online nodes only
            return ApiResponse.Render(context, flavor, depth => new JObject
            {
                ["_class"] = "hudson.model.ComputerSet",
                ["busyExecutors"] = Math.Min(running.Count, executors),
                ["computer"] = new JArray(BuiltIn(node, running)),
                ["displayName"] = "Nodes",
                ["totalExecutors"] = executors,
            }, "computerSet");
        }).Requires(Permission.OverallRead);

        // Emulates GET|HEAD /computer/C/api/{json,xml,python} (the built-in node under any of its names: 200; else 404)
        app.MapRead("/computer/{name}/api/{flavor}", (HttpContext context, string name, string flavor, BuiltInNode node, JobRegistry jobs, BuildQueue queue) =>
        {
            if (!IsBuiltIn(name))
            {
                return Results.NotFound();
            }

            var running = Running(context, jobs, queue);
            return ApiResponse.Render(context, flavor, _ => BuiltIn(node, running), "masterComputer");
        }).Requires(Permission.OverallRead);

        // Emulates GET /computer/C/ (the node page, where toggleOffline leads: its state, executors and the
        // offline/online button; 200; unknown: 404)
        app.MapRead("/computer/{name}", (HttpContext context, string name) => IsBuiltIn(name)
            ? WebPage.Render<ComputerPage>(context)
            : Results.NotFound()).Requires(Permission.OverallRead);

        // Emulates POST /computer/C/toggleOffline?offlineMessage= (online: Agent/Disconnect, takes it offline with
        // the message; offline: Agent/Connect, brings it back; 302 to the node; unknown: 404; GET: 405)
        app.MapPostOnly("/computer/{name}/toggleOffline", async (HttpContext context, string name, BuiltInNode node) =>
        {
            if (!IsBuiltIn(name))
            {
                return Results.NotFound();
            }

            if (!node.IsOffline)
            {
                return await ChangeOfflineCauseAsync(context, node);
            }

            if (!context.Has(Permission.ComputerConnect))
            {
                return Forbidden.For(context, Permission.ComputerConnect);
            }

            node.BringOnline();
            return Results.Redirect(NodeUrl(context));
        }).Requires(Permission.OverallRead);

        // Emulates POST /computer/C/changeOfflineCause (form or query offlineMessage; Agent/Disconnect; 302 to the node)
        app.MapPostOnly("/computer/{name}/changeOfflineCause", (HttpContext context, string name, BuiltInNode node) =>
            IsBuiltIn(name) ? ChangeOfflineCauseAsync(context, node) : Task.FromResult(Results.NotFound()))
            .Requires(Permission.OverallRead);

        // Emulates POST /computer/C/doDisconnect (Agent/Disconnect; the built-in node has no agent connection to
        // close, so nothing changes, as in Jenkins; 302 to the node)
        app.MapPostOnly("/computer/{name}/doDisconnect", (HttpContext context, string name) =>
            IsBuiltIn(name) ? Results.Redirect(NodeUrl(context)) : Results.NotFound())
            .Requires(Permission.ComputerDisconnect);
    }

    // Jenkins' own names for the node, plus those python-jenkins and node's client put in URLs.
    private static bool IsBuiltIn(string name) => BuiltInNode.IsNamed(name) || name is BuiltInNode.DisplayName or "master";

    private static async Task<IResult> ChangeOfflineCauseAsync(HttpContext context, BuiltInNode node)
    {
        if (!context.Has(Permission.ComputerDisconnect))
        {
            return Forbidden.For(context, Permission.ComputerDisconnect);
        }

        var message = (await context.ParamAsync("offlineMessage"))?.Trim();
        var clock = context.Service<ServerOptions>().Clock;
        node.TakeOffline(new NodeOfflineCause(context.Caller().User?.Id, string.IsNullOrEmpty(message) ? null : message, clock.GetUtcNow(), FromCli: false));
        return Results.Redirect(NodeUrl(context));
    }

    // Jenkins redirects to "." from the action: the node's URL as the request spelled it.
    private static string NodeUrl(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
        var path = target.Split('?', 2)[0];
        return $"{context.Request.Scheme}://{context.Request.Host}{path[..(path.LastIndexOf('/') + 1)]}";
    }

    private static JObject BuiltIn(BuiltInNode node, Dictionary<int, JObject> running)
    {
        var executors = node.NumExecutors;
        var cause = node.OfflineCause;
        return new JObject
        {
            ["_class"] = "hudson.model.Hudson$MasterComputer",
            ["actions"] = new JArray(),
            ["assignedLabels"] = new JArray(new JObject { ["name"] = "built-in" }),
            ["description"] = "the Jenkins controller's built-in node",
            ["displayName"] = BuiltInNode.DisplayName,
            ["executors"] = new JArray(Enumerable.Range(0, executors).Select(i => new JObject
            {
                ["currentExecutable"] = running.GetValueOrDefault(i),
                ["idle"] = !running.ContainsKey(i),
                ["likelyStuck"] = false,
                ["number"] = i,
                ["progress"] = running.ContainsKey(i) ? 0 : -1,
            })),
            ["icon"] = cause is null ? "symbol-computer" : "symbol-computer-disconnected",
            ["iconClassName"] = cause is null ? "symbol-computer" : "symbol-computer-disconnected",
            ["idle"] = running.Count == 0,
            ["jnlpAgent"] = false,
            ["launchSupported"] = true,
            ["loadStatistics"] = new JObject { ["_class"] = "hudson.model.Label$1" },
            ["manualLaunchAllowed"] = true,
            ["monitorData"] = new JObject(),
            ["numExecutors"] = executors,
            ["offline"] = cause is not null,
            ["offlineCause"] = cause is null ? null : OfflineCause(cause),
            ["offlineCauseReason"] = cause is null ? string.Empty : Escape(cause.Reason),
            ["oneOffExecutors"] = new JArray(),
            ["temporarilyOffline"] = cause is not null,
        };
    }

    // OfflineCause$UserCause exports its description and time; ByCLI (offline-node) its message too.
    private static JObject OfflineCause(NodeOfflineCause cause)
    {
        var json = new JObject
        {
            ["_class"] = cause.FromCli ? "hudson.slaves.OfflineCause$ByCLI" : "hudson.slaves.OfflineCause$UserCause",
            ["description"] = cause.Description,
            ["timestamp"] = cause.Since.ToUnixTimeMilliseconds(),
        };
        if (cause.FromCli)
        {
            json["message"] = cause.Message;
        }

        return json;
    }

    /// <summary>Jenkins' text escaping for the offline reason (Util.escape): HTML characters, line breaks, runs of spaces.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            escaped.Append(text[i] switch
            {
                '\n' => "<br>",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#039;",
                ' ' when i + 1 < text.Length && text[i + 1] == ' ' => "&nbsp;",
                var c => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    // The builds running now by executor number, as executors show them: {_class, number, url}.
    private static Dictionary<int, JObject> Running(HttpContext context, JobRegistry jobs, BuildQueue queue) =>
        queue.Running
            .Select(b => (b.ExecutorNumber, Job: jobs.Find(b.Record.JobFullName), b.Record.Number))
            .Where(b => b.Job is not null)
            .ToDictionary(b => b.ExecutorNumber, b => (JObject)ApiTokenWriter.Of(writer => BuildModel.WriteReference(writer, b.Job!, b.Number, RootUrl.Of(context))));
}
