using System.Globalization;
using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Jobs;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// The job page at <c>/job/&lt;n&gt;/</c> (any folder depth): name, description, status (icon and word), the builds
/// newest first with links to their console, "Build now" (the dashboard's form) and links to config.xml and
/// the API. The jobs feature owns the route, resolves the item (Job/Read, 403/404) and calls <see cref="Render"/>.
/// </summary>
internal static class JobPage
{
    public static IResult Render(HttpContext context, JobItem item)
    {
        var jobs = context.RequestServices.GetRequiredService<JobRegistry>();
        var history = context.RequestServices.GetRequiredService<IBuildHistory>();
        var path = "/" + JobRoutes.PathOf(item.FullName);
        var title = item.FullDisplayName;
        var isFolder = item.Config.Kind == ItemKind.Folder;
        var color = isFolder ? "folder" : new JobModel(context, jobs, history).Color(item);
        var description = string.IsNullOrEmpty(item.Config.Description)
            ? string.Empty
            : $"""<p id="description">{Html.E(item.Config.Description)}</p>""";

        var actions = new StringBuilder();
        if (item.Config.IsBuildable && context.Has(Permission.ItemBuild))
        {
            actions.Append(item.Config.Disabled
                ? """<p class="muted">This job is disabled.</p>"""
                : DashboardPage.BuildForm(path, item.Config, WebPage.CrumbField(context)));
        }

        var links = new StringBuilder();
        if (context.Has(Permission.ItemExtendedRead))
        {
            links.Append($"""<a href="{Html.E(path)}config.xml">config.xml</a> &#183; """);
        }

        links.Append($"""API: <a href="{Html.E(path)}api/json?pretty=true">json</a>, <a href="{Html.E(path)}api/xml">xml</a>""");

        if (context.Has(Permission.ItemConfigure))
        {
            actions.Append($"""
                <details><summary>Rename</summary>
                <form method="post" action="{Html.E(path)}confirmRename">{WebPage.CrumbField(context)}
                <label for="newName">New name</label><input type="text" id="newName" name="newName" value="{Html.E(item.Name)}" required>
                <button type="submit">Rename</button></form></details>
                """);
        }

        if (context.Has(Permission.ItemDelete))
        {
            var kind = isFolder ? "Folder" : "Project";
            actions.Append($"""
                <form method="post" action="{Html.E(path)}doDelete" class="inline" data-confirm="Delete the {kind} ‘{Html.E(item.Name)}’?">{WebPage.CrumbField(context)}<button type="submit" class="danger">Delete {kind}</button></form>
                """);
        }

        var builds = isFolder ? string.Empty : $"""<section class="panel"><h2>Builds</h2>{BuildTable(path, history.BuildsOf(item.FullName))}</section>""";
        return WebPage.Render(context, title, $"""
            <h1><a href="/">Dashboard</a> &#187; {Html.E(title)} <span id="job-color">{StatusBadge.OfColor(color)}</span></h1>
            <section class="panel">{description}{actions}<p class="muted" id="job-links">{links}</p></section>
            {(isFolder ? DashboardPage.NewItemLink(context, path) + ItemList(jobs, item) : builds)}
            """);
    }

    /// <summary>A folder's items, linked.</summary>
    private static string ItemList(JobRegistry jobs, JobItem folder)
    {
        var children = jobs.Children(folder.FullName);
        var items = string.Concat(children.Select(c => $"""<li><a href="{Html.E("/" + JobRoutes.PathOf(c.FullName))}">{Html.E(c.Name)}</a></li>"""));
        return $"""<section class="panel"><h2>Items</h2>{(children.Count == 0 ? """<p class="notice">This folder is empty.</p>""" : $"""<ul id="items">{items}</ul>""")}</section>""";
    }

    private static string BuildTable(string path, IReadOnlyList<BuildRecord> builds)
    {
        if (builds.Count == 0)
        {
            return """<p class="notice" id="no-builds">No builds yet.</p>""";
        }

        var rows = new StringBuilder();
        foreach (var build in builds)
        {
            var number = build.Number.ToString(CultureInfo.InvariantCulture);
            var duration = build.Building ? "&#8212;" : Html.E(Html.Duration(build.Duration));
            rows.Append($"""
                <tr data-build="{number}"><td><a href="{Html.E(path + number + "/console")}">#{number}</a></td>
                <td class="result">{StatusBadge.OfBuild(build)}</td><td>{Html.E(Html.Date(build.Timestamp))}</td><td>{duration}</td></tr>
                """);
        }

        return $"""<table id="builds"><thead><tr><th>Build</th><th>Result</th><th>Started</th><th>Duration</th></tr></thead><tbody>{rows}</tbody></table>""";
    }
}
