using System.Net;
using System.Text;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Jenkins' "New Item" page (<c>/newJob</c>, <c>/view/&lt;v&gt;/newJob</c>, <c>/job/&lt;folder&gt;/newJob</c>): a name, checked
/// as the user types against <c>checkJobName</c>, and a type (Freestyle project, Folder, or a copy of an
/// existing item, with name completion). The form posts to the jobs feature's <c>createItem</c>, crumb included.
/// </summary>
internal static class NewItemPage
{
    private const string EmptyName = "This field cannot be empty, please enter a valid name";

    public static void MapNewItemPage(this IEndpointRouteBuilder app)
    {
        app.MapRead("/newJob", (HttpContext context, JobRegistry jobs) => Render(context, jobs, null))
            .Requires(Permission.OverallRead).Requires(Permission.ItemCreate);
        app.MapRead("/view/{name}/newJob", (HttpContext context, JobRegistry jobs) => Render(context, jobs, null))
            .Requires(Permission.OverallRead).Requires(Permission.ItemCreate);
        JobRoutes.Of(app).Job("newJob", JobMethods.Read, Permission.ItemCreate, r =>
            r.Job.Config.Kind == ItemKind.Folder ? Render(r.Context, r.Context.Service<JobRegistry>(), r.Job) : Results.NotFound());

        // Emulates GET /checkJobName?value=N (Jenkins' form validation: an HTML fragment, empty when the name is good);
        // "folder" names the folder the item goes in.
        app.MapRead("/checkJobName", (HttpContext context, JobRegistry jobs) =>
        {
            var folder = context.Request.Query["folder"].ToString();
            var problem = NameProblem(jobs, folder, context.Request.Query["value"].ToString());
            return Results.Text(problem is null ? "<div/>" : $"""<div class="error">{WebUtility.HtmlEncode(problem)}</div>""", "text/html;charset=utf-8", Encoding.UTF8);
        }).Requires(Permission.OverallRead).Requires(Permission.ItemCreate);
    }

    private static string? NameProblem(JobRegistry jobs, string folder, string name)
    {
        name = name.Trim();
        if (name.Length == 0)
        {
            return EmptyName;
        }

        var fullName = folder.Length == 0 ? name : folder + "/" + name;
        return ItemName.Problem(name) ?? (jobs.Find(fullName) is null ? null : $"A job already exists with the name ‘{name}’");
    }

    private static IResult Render(HttpContext context, JobRegistry jobs, JobItem? folder) =>
        WebPage.Render<NewItemView>(context, new { Folder = folder, EmptyNameMessage = EmptyName });
}
