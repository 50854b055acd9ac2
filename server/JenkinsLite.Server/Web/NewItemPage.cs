using System.Text;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
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
            r.Job.Config.Kind == ItemKind.Folder ? Render(r.Context, r.Context.RequestServices.GetRequiredService<JobRegistry>(), r.Job) : Results.NotFound());

        // Emulates GET /checkJobName?value=N (Jenkins' form validation: an HTML fragment, empty when the name is good);
        // "folder" names the folder the item goes in.
        app.MapRead("/checkJobName", (HttpContext context, JobRegistry jobs) =>
        {
            var folder = context.Request.Query["folder"].ToString();
            var problem = NameProblem(jobs, folder, context.Request.Query["value"].ToString());
            return Results.Text(problem is null ? "<div/>" : $"""<div class="error">{Html.E(problem)}</div>""", "text/html;charset=utf-8", Encoding.UTF8);
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

    private static IResult Render(HttpContext context, JobRegistry jobs, JobItem? folder)
    {
        var folderName = folder?.FullName ?? string.Empty;
        var parentPath = folder is null ? "/" : "/" + JobRoutes.PathOf(folder.FullName);
        var items = string.Concat(jobs.All().Select(i => $"""<option value="{Html.E(i.FullName)}"></option>"""));
        var heading = folder is null ? "New Item" : $"New Item in {Html.E(folder.FullDisplayName)}";
        return WebPage.Render(context, "New Item", $"""
            <h1><a href="/">Dashboard</a> &#187; {heading}</h1>
            <section class="panel">
              <form method="post" action="{Html.E(parentPath)}createItem" id="new-item" data-js="create" data-items="{Html.E(parentPath)}job/">{WebPage.CrumbField(context)}
                <label for="name">Enter an item name</label>
                <input type="text" id="name" name="name" required aria-describedby="name-check" data-check="/checkJobName?folder={Html.E(Uri.EscapeDataString(folderName))}&amp;value=">
                <p id="name-check" class="field-message" aria-live="polite">{EmptyName}</p>
                <fieldset><legend>Item type</legend>
                  <label class="check"><input type="radio" name="mode" value="hudson.model.FreeStyleProject" checked> Freestyle project</label>
                  <p class="help">Classic, general-purpose job type that checks out from up to one SCM, executes build steps serially, followed by post-build steps like archiving artifacts and sending email notifications.</p>
                  <label class="check"><input type="radio" name="mode" value="{JobConfigXml.FolderClass}"> Folder</label>
                  <p class="help">Creates a container that stores nested items in it.</p>
                  <label class="check"><input type="radio" name="mode" value="copy"> Copy from</label>
                  <label for="from">Name of the item to copy</label>
                  <input type="text" id="from" name="from" list="existing-items" autocomplete="off">
                  <datalist id="existing-items">{items}</datalist>
                </fieldset>
                <p><button type="submit" class="primary">OK</button></p>
              </form>
            </section>
            """);
    }
}
