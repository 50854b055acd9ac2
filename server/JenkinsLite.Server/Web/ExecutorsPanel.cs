using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Nodes;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Jenkins' "Build Executor Status" on the dashboard: the built-in node, online or offline with its reason,
/// each executor idle or running a build, and the button that takes the node offline or back (posting to the
/// nodes feature's toggleOffline, with the permissions Jenkins asks there).
/// </summary>
internal static class ExecutorsPanel
{
    public static string Render(HttpContext context, string crumb)
    {
        var node = context.RequestServices.GetRequiredService<BuiltInNode>();
        var running = context.RequestServices.GetRequiredService<BuildQueue>().Running.ToDictionary(b => b.ExecutorNumber);
        var showJobs = context.Has(Permission.ItemRead);
        var rows = new StringBuilder();
        for (var number = 0; number < node.NumExecutors; number++)
        {
            var work = !running.TryGetValue(number, out var build) ? "Idle"
                : showJobs ? $"""<a href="{Html.E("/" + JobRoutes.PathOf(build.Record.JobFullName) + build.Record.Number + "/console")}">{Html.E(build.Record.FullDisplayName)}</a>"""
                : "Building";
            rows.Append($"""<tr><td>{number + 1}</td><td>{work}</td></tr>""");
        }

        var state = node.OfflineCause is { } cause
            ? $"""<p class="notice warning" id="node-state">{BuiltInNode.DisplayName} is offline: {Html.E(cause.Description)}</p>"""
            : $"""<p class="muted" id="node-state">{BuiltInNode.DisplayName}</p>""";
        return $"""
            <section class="panel" id="executors"><h2>Build Executor Status</h2>{state}
            <table><tbody>{rows}</tbody></table>{Toggle(context, node, crumb)}</section>
            """;
    }

    private static string Toggle(HttpContext context, BuiltInNode node, string crumb)
    {
        const string Action = "/computer/(built-in)/toggleOffline";
        if (node.IsOffline)
        {
            return context.Has(Permission.ComputerConnect)
                ? $"""<form method="post" action="{Action}" data-js="reload">{crumb}<button type="submit">Bring this node back online</button><span class="notice" data-role="message" hidden></span></form>"""
                : string.Empty;
        }

        return context.Has(Permission.ComputerDisconnect)
            ? $"""
              <form method="post" action="{Action}" data-js="reload" class="row">{crumb}
              <div><label for="offlineMessage">Reason</label><input type="text" id="offlineMessage" name="offlineMessage"></div>
              <button type="submit">Mark this node temporarily offline</button><span class="notice" data-role="message" hidden></span></form>
              """
            : string.Empty;
    }
}
