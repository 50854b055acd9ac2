using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Jenkins' "Console Output" page of a build (<c>/job/&lt;n&gt;/&lt;N&gt;/console</c>): the log, followed through the
/// builds feature's <c>logText/progressiveText</c> while the build runs, and a Stop button, for jobs at any folder depth.
/// </summary>
internal static class BuildConsolePage
{
    public static void MapBuildConsolePage(this IEndpointRouteBuilder app) =>
        // Emulates GET /job/<n>/<N or permalink>/console, also in folders (200; 404 for an unknown job or build; Job/Read)
        JobRoutes.Of(app).Build("console", JobMethods.Read, Permission.ItemRead, Render);

    private static IResult Render(JobRequest request)
    {
        var (context, job) = (request.Context, request.Job);
        var history = context.Service<IBuildHistory>();

        // The history's record, which knows whether the build is still running.
        var number = request.Build!.Number;
        var record = history.BuildsOf(job.FullName).FirstOrDefault(b => b.Number == number) ?? request.Build;
        return WebPage.Render<BuildConsoleView>(context, new { Job = job, Build = record });
    }
}
