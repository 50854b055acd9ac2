using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// One build: its API, console, stop, delete, artifacts (rest-api.md rows 21–23 and section 4) and the forms that
/// change its description, keep-forever flag and display name; routed by <see cref="BuildRoutes"/>.
/// </summary>
internal static class BuildEndpoints
{
    private const string ConsoleContentType = "text/plain;charset=UTF-8";

    // Emulates GET /job/<n>/<N>/ (the build page; python-jenkins follows stop's redirect here): 200, 404
    public static IResult Page(HttpContext context, string name, string reference) => WithBuild(context, name, reference, (job, record) =>
        Results.Text($"<html><head><title>{System.Net.WebUtility.HtmlEncode(job.FullName)} #{record.Number} [Jenkins]</title></head><body></body></html>",
            "text/html;charset=utf-8"));

    // Emulates GET /job/<n>/<N>/api/{json,xml,python} (Run, 5.3) and the permalinks: 200, 404
    public static IResult Api(HttpContext context, string name, string reference, string flavor) => WithBuild(context, name, reference, (job, record) =>
        ApiResponse.Render(context, flavor,
            BuildModel.Build(record, job, BuildTrend.EstimatedDuration(context.RequestServices.GetRequiredService<BuildRecords>().Of(job.FullName)),
                RootUrl.Of(context)), "freeStyleBuild"));

    // Emulates GET /job/<n>/<N>/consoleText: 200 text/plain, never empty; 404
    public static IResult ConsoleText(HttpContext context, string name, string reference) => WithBuild(context, name, reference, (job, record) =>
    {
        var log = context.RequestServices.GetRequiredService<BuildFiles>().LogOf(job.FullName, record.Number);
        return File.Exists(log) && new FileInfo(log).Length > 0
            ? Results.File(log, ConsoleContentType)
            : Results.Text(string.Concat(record.Causes.Select(c => c.ShortDescription + "\n")) + "(no console log)\n", ConsoleContentType);
    });

    // Emulates GET/POST /job/<n>/<N>/logText/progressiveText?start= : 200 with X-Text-Size, X-More-Data while running; 404
    public static async Task<IResult> ProgressiveTextAsync(HttpContext context, string name, string reference)
    {
        var (job, record, refusal) = Find(context, name, reference);
        if (refusal is not null)
        {
            return refusal;
        }

        // The build's state is read before the log: a build seen running may have more to say, one seen finished has said all.
        var start = long.TryParse(await context.ParamAsync("start"), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        var building = context.RequestServices.GetRequiredService<BuildQueue>().RunningBuild(job!.FullName, record!.Number) is not null;
        var (bytes, end) = context.RequestServices.GetRequiredService<BuildFiles>().ReadLog(job.FullName, record.Number, start) ?? ([], 0);
        context.Response.Headers["X-Text-Size"] = end.ToString(CultureInfo.InvariantCulture);
        if (building)
        {
            context.Response.Headers["X-More-Data"] = "true";
        }

        return Results.Bytes(bytes, ConsoleContentType);
    }

    // Emulates POST /job/<n>/<N>/stop (Run.doStop): 302 back to the build; 403 without Job/Cancel
    public static IResult Stop(HttpContext context, string name, string reference) =>
        WithBuild(context, name, reference, _ => Permission.ItemCancel, (job, record) =>
        {
            context.RequestServices.GetRequiredService<BuildQueue>().Stop(job.FullName, record.Number);
            return Results.Redirect(JobRoute.BuildUrlOf(RootUrl.Of(context), job.FullName, record.Number));
        });

    // Emulates POST /job/<n>/<N>/doDelete (Run.doDoDelete): 302 to the job; 400 while building; 403 without Run/Delete
    public static IResult Delete(HttpContext context, string name, string reference) =>
        WithBuild(context, name, reference, _ => Permission.RunDelete, (job, record) =>
            context.RequestServices.GetRequiredService<BuildRecords>().Delete(job.FullName, record.Number) switch
            {
                DeleteBuildOutcome.Building => JobAccess.Failure(context, $"Unable to delete {job.FullName} #{record.Number}: the build is in progress"),
                DeleteBuildOutcome.NotFound => NoSuchBuild(job, record.Number.ToString(CultureInfo.InvariantCulture)),
                _ => Results.Redirect(JobRoutes.UrlOf(context, job.FullName)),
            });

    // Emulates POST /job/<n>/<N>/submitDescription (Run.doSubmitDescription, form field description): 302 to the build; 403 without Run/Update
    public static async Task<IResult> SubmitDescriptionAsync(HttpContext context, string name, string reference)
    {
        var (job, record, refusal) = Find(context, name, reference, _ => Permission.RunUpdate);
        if (refusal is not null)
        {
            return refusal;
        }

        var description = await context.ParamAsync("description");
        return Update(context, job!, record!, b => b with { Description = description });
    }

    // Emulates POST /job/<n>/<N>/toggleLogKeep (Run.doToggleLogKeep): 302 to the build; 403 without Run/Update to keep, Run/Delete to release
    public static IResult ToggleLogKeep(HttpContext context, string name, string reference) =>
        WithBuild(context, name, reference, b => b.KeepLog ? Permission.RunDelete : Permission.RunUpdate, (job, record) =>
        {
            // The value the permission was checked for, even if another request toggled it meanwhile.
            var keep = !record.KeepLog;
            return Update(context, job, record, b => b with { KeepLog = keep });
        });

    // Emulates POST /job/<n>/<N>/configSubmit (Run.doConfigSubmit, form json={"displayName","description"}; a blank name is "#N" again):
    // 302 to the build; 403 without Run/Update; 400 without that form (Jenkins: 500)
    public static async Task<IResult> ConfigSubmitAsync(HttpContext context, string name, string reference)
    {
        var (job, record, refusal) = Find(context, name, reference, _ => Permission.RunUpdate);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await SubmittedForm.ReadAsync(context) is not { } form
            || form["displayName"] is not JValue { Value: string displayName }
            || form["description"] is not JValue { Value: string description })
        {
            return JobAccess.Failure(context, "This page expects a form submission with displayName and description");
        }

        var customName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        return Update(context, job!, record!, b => b with { DisplayName = customName, Description = description });
    }

    // Emulates GET /job/<n>/<N>/artifact/<path> and artifact/*zip*/archive.zip (DirectoryBrowserSupport): 200, 404
    public static async Task<IResult> ArtifactAsync(HttpContext context, string name, string reference, string path)
    {
        var (job, record, refusal) = Find(context, name, reference);
        return refusal ?? await FileBrowser.ServeAsync(context,
            context.RequestServices.GetRequiredService<BuildFiles>().ArchiveOf(job!.FullName, record!.Number), "archive", path);
    }

    private static IResult WithBuild(HttpContext context, string name, string reference, Func<JobItem, BuildRecord, IResult> action) =>
        WithBuild(context, name, reference, null, action);

    private static IResult WithBuild(HttpContext context, string name, string reference, Func<BuildRecord, Permission>? permissionFor,
        Func<JobItem, BuildRecord, IResult> action)
    {
        var (job, record, refusal) = Find(context, name, reference, permissionFor);
        return refusal ?? action(job!, record!);
    }

    /// <summary>The job and build a route names; then, as Run.checkPermission, 403 without the permission that build needs.</summary>
    private static (JobItem? Job, BuildRecord? Record, IResult? Refusal) Find(HttpContext context, string name, string reference,
        Func<BuildRecord, Permission>? permissionFor = null)
    {
        var (job, refusal) = JobAccess.Find(context, name);
        if (job is null)
        {
            return (null, null, refusal);
        }

        var records = context.RequestServices.GetRequiredService<BuildRecords>();
        var record = int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? records.Find(job.FullName, number)
            : records.Permalink(job.FullName, reference);
        if (record is null)
        {
            return (job, null, NoSuchBuild(job, reference));
        }

        return permissionFor?.Invoke(record) is { } permission && !context.Has(permission)
            ? (job, record, Forbidden.For(context, permission))
            : (job, record, null);
    }

    /// <summary>Saves a change of the build's metadata, then 302 to the build; a build deleted meanwhile is 404.</summary>
    private static IResult Update(HttpContext context, JobItem job, BuildRecord record, Func<BuildRecord, BuildRecord> change) =>
        context.RequestServices.GetRequiredService<BuildRecords>().Update(job.FullName, record.Number, change) is null
            ? NoSuchBuild(job, record.Number.ToString(CultureInfo.InvariantCulture))
            : Results.Redirect(JobRoute.BuildUrlOf(RootUrl.Of(context), job.FullName, record.Number));

    private static IResult NoSuchBuild(JobItem job, string reference) => JobAccess.NotFound($"No such build: {job.FullName} #{reference}");
}
