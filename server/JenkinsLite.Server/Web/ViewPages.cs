using System.Text.RegularExpressions;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Views;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Jenkins' view pages: "New View" (<c>/newView</c>, a list view by name, posting to the views feature's
/// <c>createView</c>) and a list view's "Edit View" (<c>/view/&lt;v&gt;/configure</c>: description, jobs by tick boxes
/// and by regular expression, recurse into folders) saved through <c>configSubmit</c>; its Delete View posts to
/// <c>doDelete</c>. The view itself is the dashboard with that view's tab.
/// </summary>
internal static class ViewPages
{
    public static void MapViewPages(this IEndpointRouteBuilder app)
    {
        // Emulates GET /newView (the New View form; needs View/Create)
        app.MapRead("/newView", (HttpContext context) => WebPage.Render<NewViewPage>(context))
            .Requires(Permission.OverallRead).Requires(Permission.ViewCreate);

        // Emulates GET /view/V/configure (a list view's form; the "all" view: 404; needs View/Configure)
        app.MapRead("/view/{name}/configure", (HttpContext context, string name, IViewStore views) =>
            ListView(context, views, name, out var refusal) is { } view
                ? WebPage.Render<ViewConfigurePage>(context, new { View = view, Settings = SettingsOf(view) })
                : refusal!).Requires(Permission.OverallRead);

        // Emulates POST /view/V/configSubmit (302 to the view; a bad regular expression: 400 with the form as typed)
        app.MapPostOnly("/view/{name}/configSubmit", async (HttpContext context, string name, IViewStore views) =>
        {
            if (ListView(context, views, name, out var refusal) is not { } view)
            {
                return refusal!;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var regex = form["useincluderegex"].ToString() is "true" or "on" ? form["includeRegex"].ToString().Trim() : string.Empty;
            var settings = new ListViewSettings(form["description"].ToString(), [.. form["job"].OfType<string>()],
                regex.Length == 0 ? null : regex, form["recurse"].ToString() is "true" or "on");
            if (RegexProblem(regex) is { } problem)
            {
                return WebPage.Render<ViewConfigurePage>(context,
                    new { View = view, Settings = settings, Problems = new Dictionary<string, string> { ["includeRegex"] = problem } },
                    StatusCodes.Status400BadRequest);
            }

            return views.Configure(name, settings) switch
            {
                ViewChange.Done => Results.Redirect(RootUrl.Of(context) + "view/" + Uri.EscapeDataString(name) + "/"),
                ViewChange.NotFound => Results.NotFound(),
                _ => Failure.Of(context, "This view has no job list"),
            };
        }).Requires(Permission.OverallRead);
    }

    /// <summary>A list view the caller may configure, or the refusal: 404 for none (or the "all" view), 403 without View/Configure.</summary>
    private static ViewConfig? ListView(HttpContext context, IViewStore views, string name, out IResult? refusal)
    {
        var view = views.Find(name);
        refusal = view is null || view.ShowsAll ? Results.NotFound()
            : !context.Has(Permission.ViewConfigure) ? Forbidden.For(context, Permission.ViewConfigure)
            : null;
        return refusal is null ? view : null;
    }

    private static ListViewSettings SettingsOf(ViewConfig view) => new(view.Description, view.JobNames, view.IncludeRegex, view.Recurse);

    private static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return null;
        }
        catch (ArgumentException e)
        {
            return "Not a valid regular expression: " + e.Message;
        }
    }
}
