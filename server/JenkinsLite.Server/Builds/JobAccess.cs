using System.Text;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// Finds the job a build route names, as Jenkins does: without Overall/Read the answer is 403; a job that
/// does not exist, or that the caller may not read, is 404.
/// </summary>
internal static class JobAccess
{
    public static (JobItem? Job, IResult? Refusal) Find(HttpContext context, string name)
    {
        if (!context.Has(Permission.OverallRead))
        {
            return (null, Forbidden.For(context, Permission.OverallRead));
        }

        var job = context.RequestServices.GetRequiredService<IJobCatalog>().Find(name);
        return job is null || !context.Has(Permission.ItemRead) ? (null, NotFound($"No such job: {name}")) : (job, null);
    }

    public static IResult NotFound(string message) =>
        Results.Text(message, "text/plain;charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);

    /// <summary>Jenkins' 400 "Failure" page carries the message in X-Error too (node's client reads it).</summary>
    public static IResult Failure(HttpContext context, string message, int status = StatusCodes.Status400BadRequest) =>
        Api.Failure.Of(context, message, status);
}
