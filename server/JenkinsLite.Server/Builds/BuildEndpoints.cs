using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// One build: its API, console, stop, delete, artifacts (rest-api.md rows 21–23 and section 4) and the forms that
/// change its description, keep-forever flag and display name; routed by <see cref="BuildRoutes"/>; the job and build arrive resolved and permitted.
/// </summary>
internal static class BuildEndpoints
{
    private const string ConsoleContentType = "text/plain;charset=UTF-8";

    // Emulates GET /job/<n>/<N>/ (the build page; python-jenkins follows stop's redirect here): 200, 404
    public static IResult Page(JobRequest request) =>
        Results.Text($"<html><head><title>{System.Net.WebUtility.HtmlEncode(request.Job.FullName)} #{request.Build!.Number} [Jenkins]</title></head><body></body></html>",
            "text/html;charset=utf-8");

    // Emulates GET|POST /job/<n>/<N>/api/{json,xml,python} (Run, 5.3) and the permalinks: 200, 404
    public static IResult Api(JobRequest request)
    {
        var (context, job, record) = (request.Context, request.Job, request.Build!);
        var estimate = BuildTrend.EstimatedDuration(context.Service<BuildRecords>().Of(job.FullName));
        var rootUrl = RootUrl.Of(context);
        return ApiResponse.Render(context, request.Tail.FirstOrDefault() ?? string.Empty,
            (writer, _) => BuildModel.WriteBuild(writer, record, job, estimate, rootUrl), "freeStyleBuild");
    }

    // Emulates GET /job/<n>/<N>/consoleText: 200 text/plain, never empty; 404
    public static IResult ConsoleText(JobRequest request)
    {
        var (job, record) = (request.Job, request.Build!);
        var log = request.Context.Service<BuildFiles>().OpenLog(job.FullName, record.Number);
        if (log is { Length: > 0 })
        {
            return FileSnapshot.Of(request.Context, log, ConsoleContentType);
        }

        log?.Dispose();
        return Results.Text(string.Concat(record.Causes.Select(c => c.ShortDescription + "\n")) + "(no console log)\n", ConsoleContentType);
    }

    // Emulates GET/POST /job/<n>/<N>/logText/progressiveText?start= : 200 with X-Text-Size, X-More-Data while running; 404
    public static async Task<IResult> ProgressiveTextAsync(JobRequest request)
    {
        var (context, job, record) = (request.Context, request.Job, request.Build!);

        // The build's state is read before the log: a build seen running may have more to say, one seen finished has said all.
        var start = long.TryParse(await context.ParamAsync("start"), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        var building = context.Service<BuildQueue>().RunningBuild(job.FullName, record.Number) is not null;
        var (bytes, end) = context.Service<BuildFiles>().ReadLog(job.FullName, record.Number, start) ?? ([], 0);
        context.Response.Headers["X-Text-Size"] = end.ToString(CultureInfo.InvariantCulture);
        if (building)
        {
            context.Response.Headers["X-More-Data"] = "true";
        }

        return Results.Bytes(bytes, ConsoleContentType);
    }

    // Emulates POST /job/<n>/<N>/stop (Run.doStop): 302 back to the build; 403 without Job/Cancel
    public static IResult Stop(JobRequest request)
    {
        var (context, job, record) = (request.Context, request.Job, request.Build!);
        context.Service<BuildQueue>().Stop(job.FullName, record.Number);
        return Results.Redirect(JobRoute.BuildUrlOf(RootUrl.Of(context), job.FullName, record.Number));
    }

    // Emulates POST /job/<n>/<N>/doDelete (Run.doDoDelete): 302 to the job; 400 while building; 403 without Run/Delete
    public static IResult Delete(JobRequest request)
    {
        var (context, job, record) = (request.Context, request.Job, request.Build!);
        return context.Service<BuildRecords>().Delete(job.FullName, record.Number) switch
        {
            DeleteBuildOutcome.Building => Failure.Of(context, $"Unable to delete {job.FullName} #{record.Number}: the build is in progress"),
            DeleteBuildOutcome.NotFound => NoSuchBuild(job, record.Number),
            _ => Results.Redirect(JobRoutes.UrlOf(context, job.FullName)),
        };
    }

    // Emulates POST /job/<n>/<N>/submitDescription (Run.doSubmitDescription, form field description): 302 to the build; 403 without Run/Update
    public static async Task<IResult> SubmitDescriptionAsync(JobRequest request)
    {
        var description = await request.Context.ParamAsync("description");
        return Update(request, b => b with { Description = description });
    }

    // Emulates POST /job/<n>/<N>/toggleLogKeep (Run.doToggleLogKeep): 302 to the build; 403 without Run/Update to keep, Run/Delete to release
    public static IResult ToggleLogKeep(JobRequest request)
    {
        // The value the permission was checked for, even if another request toggled it meanwhile.
        var keep = !request.Build!.KeepLog;
        var permission = keep ? Permission.RunUpdate : Permission.RunDelete;
        return request.Context.Has(permission, request.Job.FullName)
            ? Update(request, b => b with { KeepLog = keep })
            : Forbidden.For(request.Context, permission);
    }

    // Emulates POST /job/<n>/<N>/configSubmit (Run.doConfigSubmit, form json={"displayName","description"}; a blank name is "#N" again):
    // 302 to the build; 403 without Run/Update; 400 without that form (Jenkins: 500)
    public static async Task<IResult> ConfigSubmitAsync(JobRequest request)
    {
        if (await SubmittedForm.ReadAsync(request.Context) is not { } form
            || form["displayName"] is not JValue { Value: string displayName }
            || form["description"] is not JValue { Value: string description })
        {
            return Failure.Of(request.Context, "This page expects a form submission with displayName and description");
        }

        var customName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        return Update(request, b => b with { DisplayName = customName, Description = description });
    }

    // Emulates GET /job/<n>/<N>/artifact/<path> and artifact/*zip*/archive.zip (DirectoryBrowserSupport): 200, 404
    public static Task<IResult> ArtifactAsync(JobRequest request) =>
        FileBrowser.ServeAsync(request.Context,
            request.Context.Service<BuildFiles>().ArchiveOf(request.Job.FullName, request.Build!.Number),
            "archive", string.Join('/', request.Tail));

    /// <summary>Saves a change of the build's metadata, then 302 to the build; a build deleted meanwhile is 404.</summary>
    private static IResult Update(JobRequest request, Func<BuildRecord, BuildRecord> change)
    {
        var (context, job, record) = (request.Context, request.Job, request.Build!);
        return context.Service<BuildRecords>().Update(job.FullName, record.Number, change) is null
            ? NoSuchBuild(job, record.Number)
            : Results.Redirect(JobRoute.BuildUrlOf(RootUrl.Of(context), job.FullName, record.Number));
    }

    private static IResult NoSuchBuild(JobItem job, int number) => Failure.NotFound($"No such build: {job.FullName} #{number}");
}
