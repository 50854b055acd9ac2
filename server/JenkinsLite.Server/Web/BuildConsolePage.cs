using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;

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
        var history = context.RequestServices.GetRequiredService<IBuildHistory>();

        // The history's record, which knows whether the build is still running.
        var number = request.Build!.Number;
        var record = history.BuildsOf(job.FullName).FirstOrDefault(b => b.Number == number) ?? request.Build;
        var path = "/" + JobRoutes.PathOf(job.FullName) + number + "/";
        var state = record.Building ? "running" : record.Result is { } r ? BuildRecord.ResultName(r) : "finished";
        var stop = record.Building && context.Has(Permission.ItemCancel)
            ? $"""<form method="post" action="{Html.E(path)}stop" data-js="reload" class="inline">{WebPage.CrumbField(context)}<button type="submit" class="danger">Stop</button></form>"""
            : string.Empty;
        return WebPage.Render(context, $"{job.FullName} #{number} Console", $"""
            <h1><a href="/">Dashboard</a> &#187; {Html.E(job.FullName)} #{number}</h1>
            <section class="panel">
              <p>Started {Html.E(Html.Date(record.Timestamp))} &#8212; <strong id="build-state" class="result-{Html.E(state)}">{Html.E(state)}</strong> {stop}</p>
              <h2>Console Output</h2>
              <pre class="console" id="console" data-follow="{Html.E(path)}logText/progressiveText" data-start="0"></pre>
            </section>
            """);
    }
}
