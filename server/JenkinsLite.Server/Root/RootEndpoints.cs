using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Views;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Jobs;
using JenkinsLite.Server.Security;
using JenkinsLite.Server.Views;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Root;

internal static class RootEndpoints
{
    public static void MapRootEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET / (the dashboard; python-jenkins reads X-Jenkins from it: 200, 403 without Overall/Read)
        app.MapRead("/", (HttpContext context) => Web.WebPage.Render<Web.DashboardPage>(context)).Requires(Permission.OverallRead);

        // Emulates GET|HEAD /api/{json,xml,python} (hudson.model.Hudson with jobs and views; depth=, tree=; needs Overall/Read)
        app.MapRead("/api/{flavor}", (HttpContext context, string flavor, JenkinsInstance instance, JobRegistry jobs, IViewStore views, IBuildHistory history, QuietDown quietDown) =>
        {
            var jobModel = new JobModel(context, jobs, history);
            var viewModel = new ViewModel(context, views, jobs, jobModel);
            var visibleViews = context.Has(Permission.ViewRead) ? views.All() : [];
            return ApiResponse.Render(context, flavor, depth => new JObject
            {
                ["_class"] = "hudson.model.Hudson",
                ["assignedLabels"] = new JArray(new JObject { ["name"] = "built-in" }),
                ["mode"] = "NORMAL",
                ["nodeDescription"] = "the Jenkins controller's built-in node",
                ["nodeName"] = string.Empty,
                ["numExecutors"] = instance.Security.NumExecutors,
                ["description"] = null,
                ["jobs"] = jobModel.List(jobs.Children(string.Empty), depth),
                ["overallLoad"] = new JObject(),
                ["primaryView"] = views.Find(views.PrimaryView) is { } primary ? viewModel.Nested(primary, depth) : null,
                ["quietDownReason"] = quietDown.Reason,
                ["quietingDown"] = quietDown.IsQuietingDown,
                ["slaveAgentPort"] = -1,
                ["unlabeledLoad"] = new JObject { ["_class"] = "jenkins.model.UnlabeledLoadStatistics" },
                ["url"] = RootUrl.Of(context),
                ["useCrumbs"] = instance.Security.CrumbsRequired,
                ["useSecurity"] = true,
                ["views"] = new JArray(visibleViews.Select(v => viewModel.Nested(v, depth))),
            }, "hudson");
        }).Requires(Permission.OverallRead);
    }
}
