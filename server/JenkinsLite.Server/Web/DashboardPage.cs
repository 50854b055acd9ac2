using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// The dashboard at <c>/</c>: every job the caller may see with its last build and result, and "Build now"
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
        var items = context.Has(Permission.ItemRead) ? jobs.All().Where(i => i.Config.IsBuildable).ToList() : [];
        var mayBuild = context.Has(Permission.ItemBuild);
        var crumb = WebPage.CrumbField(context);
        var rows = new StringBuilder();
        foreach (var item in items)
        {
            var path = "/" + JobRoutes.PathOf(item.FullName);
            var builds = history.BuildsOf(item.FullName);
            var last = builds.Count > 0 ? builds[0] : null;
            var result = last is null ? "Never built"
                : last.Building ? "Running"
                : last.Result is { } r ? BuildRecord.ResultName(r) : "Unknown";
            var lastCell = last is null ? "&#8212;" : $"""<a href="{Html.E(path + last.Number + "/console")}">#{last.Number}</a> <span class="muted">{Html.E(Html.Date(last.Timestamp))}</span>""";
            rows.Append($"""
                <tr data-job="{Html.E(item.FullName)}"><td><a href="{Html.E(path)}">{Html.E(item.FullDisplayName)}</a></td>
                <td class="result result-{Html.E(result)}">{Html.E(result)}</td><td>{lastCell}</td>
                <td>{(mayBuild && !item.Config.Disabled ? BuildForm(path, item.Config, crumb) : item.Config.Disabled ? """<span class="muted">disabled</span>""" : string.Empty)}</td></tr>
                """);
        }

        var body = items.Count == 0
            ? """<section class="panel"><p class="notice">No jobs to show.</p></section>"""
            : $"""<section class="panel"><table id="jobs"><thead><tr><th>Job</th><th>Last result</th><th>Last build</th><th></th></tr></thead><tbody>{rows}</tbody></table></section>""";
        return WebPage.Render(context, "Dashboard", $"<h1>Dashboard</h1>{body}{ExecutorsPanel.Render(context, crumb)}");
    }

    /// <summary>"Build now", or the parameters form of a parameterized job; the job page uses it too.</summary>
    public static string BuildForm(string path, JobConfig config, string crumb)
    {
        if (!config.IsParameterized)
        {
            return $"""<form method="post" action="{Html.E(path)}build" data-js="reload" class="inline">{crumb}<button type="submit">Build now</button><span class="notice" data-role="message" hidden></span></form>""";
        }

        var fields = string.Concat(config.Parameters.Select(Field));
        return $"""
            <details><summary>Build with parameters</summary>
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
