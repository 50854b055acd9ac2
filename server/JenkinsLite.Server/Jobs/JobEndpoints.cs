using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
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
            .Requires(Permission.OverallRead).Requires(Permission.ItemCreate);

        var routes = JobRoutes.Of(app);

        // Emulates POST /job/F/createItem?name=N (the same inside a folder; unknown folder: 404)
        routes.Job("createItem", JobMethods.Post, Permission.ItemCreate, r => CreateItemAsync(r.Context, Jobs(r), r.Job.FullName));

        // Emulates GET /job/N/ (the job page, the target of Jenkins' redirects: 200/404); configure is Web.ConfigurePage's
        routes.Job(string.Empty, JobMethods.Read, Permission.ItemRead, r => Web.WebPage.Render<Web.JobPage>(r.Context, new { Item = r.Job }));

        // Emulates GET|HEAD|POST /job/N/api/{json,xml,python} (depth=, tree=: 200; unknown or unreadable: 404; discoverable only: 403)
        routes.Job("api", JobMethods.ReadOrPost, Permission.ItemRead, r =>
        {
            var model = new JobModel(r.Context, Jobs(r), r.Context.Service<IBuildHistory>());
            return ApiResponse.Render(r.Context, r.Tail.FirstOrDefault() ?? string.Empty, (writer, depth) => model.WriteFull(writer, r.Job, depth),
                XmlRootOf(r.Job.Config.ClassName));
        });

        // Emulates GET /job/N/config.xml (the stored bytes, application/xml: 200; needs Job/ExtendedRead, i.e. Configure;
        // without Job/Configure, e.g. through a read-scoped token, the home's encrypted secrets come back as ********)
        routes.Job("config.xml", JobMethods.Read, Permission.ItemExtendedRead, r =>
            Jobs(r).ReadConfig(r.Job) is { } xml
                ? Results.Bytes(r.Context.Has(Permission.ItemConfigure, r.Job.FullName) ? xml
                    : SecretRedaction.Redact(xml, r.Context.Service<JenkinsInstance>().Secrets), "application/xml")
                : Failure.NotFound("No config.xml"));

        // Emulates POST /job/N/config.xml (updateByXml: 200 empty; bad XML: 400; another item type: 500; too large: 413)
        routes.Job("config.xml", JobMethods.Submit, Permission.ItemConfigure, UpdateConfigAsync);

        // Emulates POST /job/N/doDelete (302 to the parent; GET: 405)
        routes.Job("doDelete", JobMethods.Post, Permission.ItemDelete, r => Delete(r, item => Results.Redirect(ParentUrl(r.Context, item))));

        // Emulates DELETE /job/N/ (AbstractItem.delete: 204)
        routes.Job(string.Empty, JobMethods.Delete, Permission.ItemDelete, r => Delete(r, _ => Results.NoContent()));

        // Emulates POST /job/N/enable and /job/N/disable (302 to the job; a folder has neither: 404; GET: 405)
        routes.Job("enable", JobMethods.Post, Permission.ItemConfigure, r => SetDisabled(r, disabled: false));
        routes.Job("disable", JobMethods.Post, Permission.ItemConfigure, r => SetDisabled(r, disabled: true));

        // Emulates POST /job/N/doRename?newName=M (302 to <root>/job/M; bad, taken, unchanged, building: 400; GET: 405)
        routes.Job("doRename", JobMethods.Post, Permission.ItemConfigure, RenameAsync);
        routes.Job("confirmRename", JobMethods.Post, Permission.ItemConfigure, RenameAsync);

        // Emulates POST /job/N/submitDescription (form description: 302 to the job; GET: 405)
        routes.Job("submitDescription", JobMethods.Post, Permission.ItemConfigure, async r =>
        {
            var result = Jobs(r).SetDescription(r.Job.FullName, await r.Context.ParamAsync("description") ?? string.Empty);
            return result.Succeeded ? Results.Redirect(JobRoutes.UrlOf(r.Context, r.Job.FullName)) : Failure.NotFound($"No such job: {r.Job.FullName}");
        });
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

        // The route checked Job/Create in the folder; a token limited to some items creates only items inside its patterns.
        if (context.Check(Permission.ItemCreate, parent.Length == 0 ? name : parent + "/" + name) == PermissionCheck.DeniedByScope)
        {
            return Forbidden.ByScope(context, Permission.ItemCreate.Id);
        }

        if (mode == CopyMode)
        {
            var from = await context.ParamAsync("from");
            if (string.IsNullOrWhiteSpace(from))
            {
                return Failure.Of(context, "Specify which job to copy");
            }

            // A source the caller cannot see (outside a token's items) is no more copied than a missing one.
            if (jobs.ResolveRelative(parent, from) is { } source && (!context.Sees(source) || !context.Has(Permission.ItemRead, source.FullName)))
            {
                return Created(context, new JobChangeResult(JobChange.NoSuchSource, $"No such job: {from}"), configure: true);
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

    private static async Task<IResult> UpdateConfigAsync(JobRequest request)
    {
        var (context, jobs, item) = (request.Context, Jobs(request), request.Job);
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

    private static IResult Delete(JobRequest request, Func<JobItem, IResult> answer)
    {
        var result = Jobs(request).Delete(request.Job.FullName);
        return result.Outcome switch
        {
            JobChange.Done => answer(request.Job),
            JobChange.NotFound => Results.NotFound(),
            _ => Failure.Of(request.Context, result.Message ?? "The item could not be deleted."),
        };
    }

    private static IResult SetDisabled(JobRequest request, bool disabled) =>
        Jobs(request).SetDisabled(request.Job.FullName, disabled).Succeeded
            ? Results.Redirect(JobRoutes.UrlOf(request.Context, request.Job.FullName))
            : Results.NotFound();

    private static async Task<IResult> RenameAsync(JobRequest request)
    {
        var (context, jobs, item) = (request.Context, Jobs(request), request.Job);
        var newName = (await context.ParamAsync("newName"))?.Trim();
        var result = jobs.Rename(item.FullName, newName);
        return result.Outcome switch
        {
            JobChange.Done => Results.Redirect(JobRoutes.UrlOf(context, result.Item!.FullName).TrimEnd('/')),
            JobChange.NotFound => Results.NotFound(),
            _ => Failure.Of(context, result.Message ?? "The item could not be renamed."),
        };
    }

    private static JobRegistry Jobs(JobRequest request) => request.Context.Service<JobRegistry>();

    private static string ParentUrl(HttpContext context, JobItem item) =>
        item.Parent.Length == 0 ? RootUrl.Of(context) : JobRoutes.UrlOf(context, item.Parent);
}
