using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Views;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Jobs;
using JenkinsLite.Server.Security;
using JenkinsLite.Server.Web;

namespace JenkinsLite.Server.Views;

/// <summary>
/// Jenkins' views (rest-api.md section 3): the "all" view and list views kept in the root config.xml's
/// <c>&lt;views&gt;</c>, with createView, config.xml, doDelete and the job list actions.
/// </summary>
internal static class ViewEndpoints
{
    public static void MapViewEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET|HEAD /view/V/api/{json,xml,python} (200; unknown: 404; needs View/Read)
        app.MapRead("/view/{name}/api/{flavor}", (HttpContext context, string name, string flavor, IViewStore views, JobRegistry jobs, IBuildHistory history) =>
        {
            if (Find(context, views, name, Permission.ViewRead, out var refusal) is not { } view)
            {
                return refusal!;
            }

            var model = new ViewModel(context, views, jobs, new JobModel(context, jobs, history));
            return ApiResponse.Render(context, flavor, (writer, depth) => model.WriteFull(writer, view, depth), JobEndpoints.XmlRootOf(view.ClassName));
        }).Requires(Permission.OverallRead);

        // Emulates GET /view/V/ (the dashboard with that view's tab: 200/404)
        app.MapRead("/view/{name}", (HttpContext context, string name, IViewStore views) =>
            Find(context, views, name, Permission.ViewRead, out var refusal) is { } view
                ? WebPage.Render<DashboardPage>(context, new { View = view })
                : refusal!).Requires(Permission.OverallRead);

        // Emulates POST /createView?name=V (XML body: 200 empty; form mode=hudson.model.ListView: 302 to the view's configure page;
        // exists, bad name, bad XML: 400 + X-Error; GET: 405)
        app.MapPostOnly("/createView", CreateViewAsync).Requires(Permission.OverallRead);

        // Emulates GET /view/V/config.xml (200 application/xml; 404)
        app.MapRead("/view/{name}/config.xml", (HttpContext context, string name, IViewStore views) =>
        {
            if (Find(context, views, name, Permission.ViewRead, out var refusal) is null)
            {
                return refusal!;
            }

            return views.ReadXml(name) is { } xml ? Results.Bytes(xml, "application/xml") : Results.NotFound();
        }).Requires(Permission.OverallRead);

        // Emulates POST /view/V/config.xml (200 empty; bad XML: 400; too large: 413)
        app.MapPost("/view/{name}/config.xml", async (HttpContext context, string name, IViewStore views) =>
        {
            if (Find(context, views, name, Permission.ViewConfigure, out var refusal) is null)
            {
                return refusal!;
            }

            var (body, tooLarge) = await RequestBody.ReadAsync(context, RequestBody.ConfigXmlLimit);
            if (body is null)
            {
                return tooLarge!;
            }

            return views.Update(name, body, out var problem) switch
            {
                ViewChange.Done => Results.Ok(),
                ViewChange.NotFound => Results.NotFound(),
                _ => Failure.Of(context, problem ?? "The view configuration could not be read."),
            };
        }).Requires(Permission.OverallRead);

        // Emulates POST /view/V/doDelete (302 to the root; the primary view: 400; GET: 405)
        app.MapPostOnly("/view/{name}/doDelete", (HttpContext context, string name, IViewStore views) =>
        {
            if (Find(context, views, name, Permission.ViewDelete, out var refusal) is null)
            {
                return refusal!;
            }

            return views.Delete(name) switch
            {
                ViewChange.Done => Results.Redirect(RootUrl.Of(context)),
                ViewChange.NotFound => Results.NotFound(),
                _ => Failure.Of(context, "Cannot delete the primary view"),
            };
        }).Requires(Permission.OverallRead);

        // Emulates POST /view/V/addJobToView?name=J and removeJobFromView?name=J (200; unknown job: 400; GET: 405)
        app.MapPostOnly("/view/{name}/addJobToView", (HttpContext context, string name, IViewStore views, JobRegistry jobs) =>
            SetJobListedAsync(context, name, views, jobs, listed: true)).Requires(Permission.OverallRead);
        app.MapPostOnly("/view/{name}/removeJobFromView", (HttpContext context, string name, IViewStore views, JobRegistry jobs) =>
            SetJobListedAsync(context, name, views, jobs, listed: false)).Requires(Permission.OverallRead);
    }

    private static ViewConfig? Find(HttpContext context, IViewStore views, string name, Permission permission, out IResult? refusal)
    {
        var view = views.Find(name);
        refusal = view is null ? Results.NotFound()
            : !context.Has(permission) ? Forbidden.For(context, permission)
            : null;
        return refusal is null ? view : null;
    }

    private static async Task<IResult> CreateViewAsync(HttpContext context, IViewStore views)
    {
        if (!context.Has(Permission.ViewCreate))
        {
            return Forbidden.For(context, Permission.ViewCreate);
        }

        var name = (await context.ParamAsync("name"))?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Failure.Of(context, "Query parameter 'name' is required");
        }

        ViewChange outcome;
        string? problem;
        var redirect = false;
        if (RequestBody.IsXml(context))
        {
            var (body, tooLarge) = await RequestBody.ReadAsync(context, RequestBody.ConfigXmlLimit);
            if (body is null)
            {
                return tooLarge!;
            }

            outcome = views.Create(name, body, out problem);
        }
        else
        {
            var mode = await context.ParamAsync("mode");
            if (mode is not (ViewConfig.ListViewClass or ViewConfig.AllViewClass or "hudson.model.MyView"))
            {
                return Failure.Of(context, mode is null ? "No mode given" : $"No view type ‘{mode}’ is known");
            }

            outcome = views.CreateEmpty(name, mode, out problem);
            redirect = true;
        }

        return outcome switch
        {
            ViewChange.Done when redirect => Results.Redirect(RootUrl.Of(context) + "view/" + Uri.EscapeDataString(name) + "/configure"),
            ViewChange.Done => Results.Ok(),
            _ => Failure.Of(context, problem ?? "The view could not be created."),
        };
    }

    private static async Task<IResult> SetJobListedAsync(HttpContext context, string name, IViewStore views, JobRegistry jobs, bool listed)
    {
        if (Find(context, views, name, Permission.ViewConfigure, out var refusal) is null)
        {
            return refusal!;
        }

        var jobName = await context.ParamAsync("name");
        if (jobs.ResolveRelative(string.Empty, jobName) is not { } item || !context.Has(Permission.ItemRead) || !context.Sees(item))
        {
            return Failure.Of(context, "Query parameter 'name' does not correspond to a known item");
        }

        return views.SetJobListed(name, item.FullName, listed) switch
        {
            ViewChange.Done => Results.Ok(),
            ViewChange.NotFound => Results.NotFound(),
            _ => Failure.Of(context, "This view has no job list"),
        };
    }
}
