using System.Net;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Jobs;

/// <summary>
/// Jenkins' item URLs (rest-api.md rows 5–16): createItem, config.xml, api/json, doDelete, enable,
/// disable, doRename, submitDescription, at any folder depth. Statuses and redirects are Jenkins' own,
/// including its 302s (node's client insists on them) and its 400 with X-Error for bad input.
/// </summary>
internal static class JobEndpoints
{
    private const string CopyMode = "copy";

    // The empty items Jenkins' "New Item" page makes for mode=<class> (no XML body).
    private static readonly Dictionary<string, string> EmptyItems = new(StringComparer.Ordinal)
    {
        ["hudson.model.FreeStyleProject"] = """
            <?xml version='1.1' encoding='UTF-8'?>
            <project>
              <keepDependencies>false</keepDependencies>
              <properties/>
              <scm class="hudson.scm.NullSCM"/>
              <canRoam>true</canRoam>
              <disabled>false</disabled>
              <blockBuildWhenDownstreamBuilding>false</blockBuildWhenDownstreamBuilding>
              <blockBuildWhenUpstreamBuilding>false</blockBuildWhenUpstreamBuilding>
              <triggers/>
              <concurrentBuild>false</concurrentBuild>
              <builders/>
              <publishers/>
              <buildWrappers/>
            </project>
            """,
        [JobConfigXml.FolderClass] = """
            <?xml version='1.1' encoding='UTF-8'?>
            <com.cloudbees.hudson.plugins.folder.Folder>
              <properties/>
              <healthMetrics/>
            </com.cloudbees.hudson.plugins.folder.Folder>
            """,
    };

    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates POST /createItem?name=N (XML body: 200 empty; mode=copy&from=S: 302 to the copy's configure page;
        // bad name, duplicate, bad XML: 400 + X-Error; no Content-Type: 400; too large: 413; GET: 405)
        app.MapPostOnly("/createItem", (HttpContext context, JobRegistry jobs) => CreateItemAsync(context, jobs, string.Empty))
            .Requires(Permission.OverallRead);

        // Emulates POST /job/F/createItem?name=N (the same inside a folder; unknown folder: 404)
        app.MapJobPostOnly("createItem", (HttpContext context, JobRegistry jobs) =>
        {
            var (folder, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName());
            return folder is null ? Task.FromResult(refusal!) : CreateItemAsync(context, jobs, folder.FullName);
        }).Requires(Permission.OverallRead);

        // Emulates GET /job/N/ and /job/N/configure (HTML pages, the targets of Jenkins' redirects: 200/404)
        app.MapJobRead(string.Empty, (HttpContext context, JobRegistry jobs) => Page(context, jobs, string.Empty))
            .Requires(Permission.OverallRead);
        app.MapJobRead("configure", (HttpContext context, JobRegistry jobs) => Page(context, jobs, "Configure "))
            .Requires(Permission.OverallRead);

        // Emulates GET|HEAD /job/N/api/{json,xml,python} (depth=, tree=: 200; unknown or unreadable: 404; discoverable only: 403)
        app.MapJobRead("api/{flavor}", (HttpContext context, string flavor, JobRegistry jobs, IBuildHistory history) =>
        {
            var (item, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName());
            if (item is null)
            {
                return refusal!;
            }

            var model = new JobModel(context, jobs, history);
            return ApiResponse.Render(context, flavor, depth => model.Full(item, depth), XmlRootOf(item.Config.ClassName));
        }).Requires(Permission.OverallRead);

        // Emulates GET /job/N/config.xml (the stored bytes, application/xml: 200; needs Job/ExtendedRead, i.e. Configure)
        app.MapJobRead("config.xml", (HttpContext context, JobRegistry jobs) =>
        {
            var (item, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName(), Permission.ItemExtendedRead);
            if (item is null)
            {
                return refusal!;
            }

            return jobs.ReadConfig(item) is { } xml ? Results.Bytes(xml, "application/xml") : Results.NotFound();
        }).Requires(Permission.OverallRead);

        // Emulates POST /job/N/config.xml (updateByXml: 200 empty; bad XML: 400; another item type: 500; too large: 413)
        app.MapJobMethods("config.xml", ["POST"], UpdateConfigAsync).Requires(Permission.OverallRead);

        // Emulates POST /job/N/doDelete (302 to the parent; GET: 405)
        app.MapJobPostOnly("doDelete", (HttpContext context, JobRegistry jobs) =>
            Delete(context, jobs, item => Results.Redirect(ParentUrl(context, item)))).Requires(Permission.OverallRead);

        // Emulates DELETE /job/N/ (AbstractItem.delete: 204)
        app.MapJobMethods(string.Empty, ["DELETE"], (HttpContext context, JobRegistry jobs) =>
            Delete(context, jobs, _ => Results.NoContent())).Requires(Permission.OverallRead);

        // Emulates POST /job/N/enable and /job/N/disable (302 to the job; a folder has neither: 404; GET: 405)
        app.MapJobPostOnly("enable", (HttpContext context, JobRegistry jobs) => SetDisabled(context, jobs, disabled: false))
            .Requires(Permission.OverallRead);
        app.MapJobPostOnly("disable", (HttpContext context, JobRegistry jobs) => SetDisabled(context, jobs, disabled: true))
            .Requires(Permission.OverallRead);

        // Emulates POST /job/N/doRename?newName=M (302 to <root>/job/M; bad, taken, unchanged, building: 400; GET: 405)
        app.MapJobPostOnly("doRename", RenameAsync).Requires(Permission.OverallRead);
        app.MapJobPostOnly("confirmRename", RenameAsync).Requires(Permission.OverallRead);

        // Emulates POST /job/N/submitDescription (form description: 302 to the job; GET: 405)
        app.MapJobPostOnly("submitDescription", async (HttpContext context, JobRegistry jobs) =>
        {
            var (item, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName(), Permission.ItemConfigure);
            if (item is null)
            {
                return refusal!;
            }

            var result = jobs.SetDescription(item.FullName, await context.ParamAsync("description") ?? string.Empty);
            return result.Succeeded ? Results.Redirect(JobRoutes.UrlOf(context, item.FullName)) : Results.NotFound();
        }).Requires(Permission.OverallRead);
    }

    /// <summary>Stapler's XML root for an exported item: the class's simple name, first letter lower-case.</summary>
    public static string XmlRootOf(string className)
    {
        var simple = className[(className.LastIndexOf('.') + 1)..];
        simple = simple[(simple.LastIndexOf('$') + 1)..];
        return simple.Length == 0 ? "item" : char.ToLowerInvariant(simple[0]) + simple[1..];
    }

    private static async Task<IResult> CreateItemAsync(HttpContext context, JobRegistry jobs, string parent)
    {
        if (!context.Has(Permission.ItemCreate))
        {
            return Forbidden.For(context, Permission.ItemCreate);
        }

        var mode = await context.ParamAsync("mode");
        if (context.Request.ContentType is null && mode != CopyMode)
        {
            return Failure.Of(context, "No Content-Type header set");
        }

        var name = (await context.ParamAsync("name"))?.Trim();
        if (name is null)
        {
            return Failure.Of(context, "Query parameter 'name' is required");
        }

        if (mode == CopyMode)
        {
            var from = await context.ParamAsync("from");
            if (string.IsNullOrWhiteSpace(from))
            {
                return Failure.Of(context, "Specify which job to copy");
            }

            return Created(context, jobs.Copy(parent, name, from), configure: true);
        }

        if (RequestBody.IsXml(context))
        {
            var (body, tooLarge) = await RequestBody.ReadAsync(context, RequestBody.ConfigXmlLimit);
            return body is null ? tooLarge! : Created(context, jobs.Create(parent, name, body), configure: false);
        }

        if (mode is null)
        {
            return Failure.Of(context, "No mode given");
        }

        return EmptyItems.TryGetValue(mode, out var xml)
            ? Created(context, jobs.Create(parent, name, System.Text.Encoding.UTF8.GetBytes(xml)), configure: true)
            : Failure.Of(context, $"No item type ‘{mode}’ is known");
    }

    // XML: 200 with an empty body (Content-Length: 0). Copy and the form: 302 to the new item's configure page.
    private static IResult Created(HttpContext context, JobChangeResult result, bool configure) => result.Outcome switch
    {
        JobChange.Done when configure => Results.Redirect(JobRoutes.UrlOf(context, result.Item!.FullName) + "configure"),
        JobChange.Done => Results.Ok(),
        JobChange.NotFound => Results.NotFound(),
        _ => Failure.Of(context, result.Message ?? "The item could not be created."),
    };

    private static async Task<IResult> UpdateConfigAsync(HttpContext context, JobRegistry jobs)
    {
        var (item, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName(), Permission.ItemConfigure);
        if (item is null)
        {
            return refusal!;
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(context, RequestBody.ConfigXmlLimit);
        if (body is null)
        {
            return tooLarge!;
        }

        var result = jobs.UpdateConfig(item.FullName, body);
        return result.Outcome switch
        {
            JobChange.Done => Results.Ok(),
            JobChange.NotFound => Results.NotFound(),
            JobChange.WrongType => Failure.Of(context, result.Message!, StatusCodes.Status500InternalServerError),
            _ => Failure.Of(context, result.Message ?? "The configuration could not be read."),
        };
    }

    private static IResult Delete(HttpContext context, JobRegistry jobs, Func<JobItem, IResult> answer)
    {
        var (item, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName(), Permission.ItemDelete);
        if (item is null)
        {
            return refusal!;
        }

        return jobs.Delete(item.FullName).Succeeded ? answer(item) : Results.NotFound();
    }

    private static IResult SetDisabled(HttpContext context, JobRegistry jobs, bool disabled)
    {
        var (item, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName(), Permission.ItemConfigure);
        if (item is null)
        {
            return refusal!;
        }

        return jobs.SetDisabled(item.FullName, disabled).Succeeded
            ? Results.Redirect(JobRoutes.UrlOf(context, item.FullName))
            : Results.NotFound();
    }

    private static async Task<IResult> RenameAsync(HttpContext context, JobRegistry jobs)
    {
        var (item, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName(), Permission.ItemConfigure);
        if (item is null)
        {
            return refusal!;
        }

        var newName = (await context.ParamAsync("newName"))?.Trim();
        var result = jobs.Rename(item.FullName, newName);
        return result.Outcome switch
        {
            JobChange.Done => Results.Redirect(JobRoutes.UrlOf(context, result.Item!.FullName).TrimEnd('/')),
            JobChange.NotFound => Results.NotFound(),
            _ => Failure.Of(context, result.Message ?? "The item could not be renamed."),
        };
    }

    private static IResult Page(HttpContext context, JobRegistry jobs, string prefix)
    {
        var (item, refusal) = JobAccess.Resolve(context, jobs, context.JobFullName());
        if (item is null)
        {
            return refusal!;
        }

        if (prefix.Length == 0)
        {
            return Web.JobPage.Render(context, item);
        }

        var title = WebUtility.HtmlEncode(prefix + item.FullDisplayName);
        var description = WebUtility.HtmlEncode(item.Config.Description ?? string.Empty);
        return Results.Text($"<!DOCTYPE html><html><head><title>{title} [Jenkins]</title></head><body><h1>{title}</h1><p>{description}</p></body></html>",
            "text/html;charset=utf-8");
    }

    private static string ParentUrl(HttpContext context, JobItem item) =>
        item.Parent.Length == 0 ? RootUrl.Of(context) : JobRoutes.UrlOf(context, item.Parent);
}
