using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Builds;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// The dashboard at <c>/</c>: every job the caller may see with its status, last success, last failure and
/// last duration (Jenkins' columns), and "Build now"
/// (with a form for a parameterized job) posting to the builds feature's <c>build</c>/<c>buildWithParameters</c>,
/// then the executors of the built-in node.
/// Rendered for the root endpoint, which owns the route.
/// </summary>
internal static class DashboardPage
{
    public static IResult Render(HttpContext context)
    {
        var jobs = context.RequestServices.GetRequiredService<JobRegistry>();
        var history = context.RequestServices.GetRequiredService<IBuildHistory>();
        var items = context.Has(Permission.ItemRead) ? jobs.All().Where(i => i.Config.IsBuildable && context.Sees(i)).ToList() : [];
        var mayBuild = context.Has(Permission.ItemBuild);
        var crumb = WebPage.CrumbField(context);
        var rows = new StringBuilder();
        foreach (var item in items)
        {
            var path = "/" + JobRoutes.PathOf(item.FullName);
            var builds = history.BuildsOf(item.FullName);
            var status = StatusBadge.OfColor(BuildModel.ColorOf(item, builds, history.IsBuilding(item.FullName)));
            var statusCell = builds.Count > 0 ? $"""<a href="{Html.E(path + builds[0].Number + "/console")}">{status}<span class="visually-hidden">, last build #{builds[0].Number}</span></a>""" : status;
            var completed = builds.Where(b => !b.Building).ToList();
            var lastSuccess = completed.FirstOrDefault(b => b.Result is BuildResult.Success or BuildResult.Unstable);
            var lastFailure = completed.FirstOrDefault(b => b.Result is BuildResult.Failure);
            var lastDuration = completed.Count > 0 ? Html.E(Html.Duration(completed[0].Duration)) : "N/A";
            rows.Append($"""
                <tr data-job="{Html.E(item.FullName)}"><td class="result">{statusCell}</td><td><a href="{Html.E(path)}">{Html.E(item.FullDisplayName)}</a></td>
                <td class="last-success">{BuildCell(path, lastSuccess)}</td><td class="last-failure">{BuildCell(path, lastFailure)}</td><td class="last-duration">{lastDuration}</td>
                <td>{(mayBuild && !item.Config.Disabled ? BuildForm(path, item.Config, crumb) : string.Empty)}</td></tr>
                """);
        }

        var body = items.Count == 0
            ? """<section class="panel"><p class="notice">No jobs to show.</p></section>"""
            : $"""
              <section class="panel"><table id="jobs"><thead><tr><th scope="col">S</th><th scope="col">Name</th><th scope="col">Last Success</th>
              <th scope="col">Last Failure</th><th scope="col">Last Duration</th><th scope="col"><span class="visually-hidden">Build</span></th></tr></thead><tbody>{rows}</tbody></table></section>
              """;
        return WebPage.Render(context, "Dashboard", $"<h1>Dashboard</h1>{NewItemLink(context, "/")}{body}{ExecutorsPanel.Render(context, crumb)}");
    }

    /// <summary>Jenkins' "New Item" link for whoever may create items; <paramref name="path"/> is the root or a folder's.</summary>
    public static string NewItemLink(HttpContext context, string path) =>
        context.Has(Permission.ItemCreate) ? $"""<p class="side-actions"><a href="{Html.E(path)}newJob">New Item</a></p>""" : string.Empty;

    /// <summary>A build's time and a link to its console, or Jenkins' "N/A".</summary>
    private static string BuildCell(string path, BuildRecord? build) => build is null
        ? "N/A"
        : $"""{Html.E(Html.Date(build.Timestamp))} &#8212; <a href="{Html.E(path + build.Number + "/console")}">#{build.Number}</a>""";

    /// <summary>"Build now", or the parameters form of a parameterized job; the job page uses it too.</summary>
    public static string BuildForm(string path, JobConfig config, string crumb)
    {
        if (!config.IsParameterized)
        {
            return $"""<form method="post" action="{Html.E(path)}build" data-js="reload" class="inline">{crumb}<button type="submit">Build now</button><span class="notice" data-role="message" hidden></span></form>""";
        }

        var fields = string.Concat(config.Parameters.Select(Field));
        return $"""
            <details><summary>Build with Parameters</summary>
            <form method="post" action="{Html.E(path)}buildWithParameters" data-js="reload">{crumb}{fields}
            <p><button type="submit" class="primary">Build</button></p><p class="notice" data-role="message" hidden></p></form></details>
            """;
    }

    /// <summary>One parameter's field, inside its label so the two stay tied on a page with many such forms.</summary>
    private static string Field(ParameterDefinition parameter)
    {
        var name = Html.E(parameter.Name);
        var caption = name + (string.IsNullOrEmpty(parameter.Description) ? string.Empty : $""" <span class="muted">{Html.E(parameter.Description)}</span>""");
        return parameter.Kind switch
        {
            ParameterKind.Boolean => $"""<input type="hidden" name="{name}" value="false"><label class="check"><input type="checkbox" name="{name}" value="true"{(parameter.DefaultValue == "true" ? " checked" : string.Empty)}> {caption}</label>""",
            ParameterKind.Choice => $"""<label class="field">{caption}<select name="{name}">{string.Concat(parameter.Choices.Select(c => $"<option>{Html.E(c)}</option>"))}</select></label>""",
            ParameterKind.MultiLineText => $"""<label class="field">{caption}<textarea name="{name}" rows="3">{Html.E(parameter.DefaultValue)}</textarea></label>""",
            ParameterKind.Password => $"""<label class="field">{caption}<input type="password" name="{name}" autocomplete="off"></label>""",
            _ => $"""<label class="field">{caption}<input type="text" name="{name}" value="{Html.E(parameter.DefaultValue)}"></label>""",
        };
    }
}
