using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Views;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Jobs;
using JenkinsLite.Server.Security;
using JenkinsLite.Server.Views;

namespace JenkinsLite.Server.Root;

internal static class RootEndpoints
{
    // The root's properties that are the same in every answer, written once.
    private static readonly ApiFragment Controller = ApiFragment.Of(writer =>
    {
        writer.Property("_class", "hudson.model.Hudson");
        writer.Name("assignedLabels");
        writer.StartArray();
        writer.StartObject();
        writer.Property("name", "built-in");
        writer.EndObject();
        writer.EndArray();
        writer.Property("mode", "NORMAL");
        writer.Property("nodeDescription", "the Jenkins controller's built-in node");
        writer.Property("nodeName", string.Empty);
    });

    private static readonly ApiFragment NoAgents = ApiFragment.Of(writer =>
    {
        writer.Property("slaveAgentPort", -1);
        writer.ClassOnlyProperty("unlabeledLoad", "jenkins.model.UnlabeledLoadStatistics");
    });

    public static void MapRootEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET / (the dashboard; python-jenkins reads X-Jenkins from it: 200, 403 without Overall/Read)
        app.MapRead("/", (HttpContext context) => Web.WebPage.Render<Web.DashboardPage>(context)).Requires(Permission.OverallRead);

        // Emulates GET|HEAD /api/{json,xml,python} (hudson.model.Hudson with jobs and views; depth=, tree=; needs Overall/Read)
        // Services from the application, not parameters: those would make every request a service scope (AppServices).
        app.MapRead("/api/{flavor}", (HttpContext context, string flavor) =>
        {
            var instance = context.Service<JenkinsInstance>();
            var jobs = context.Service<JobRegistry>();
            var views = context.Service<IViewStore>();
            var history = context.Service<IBuildHistory>();
            var quietDown = context.Service<QuietDown>();
            var jobModel = new JobModel(context, jobs, history);
            var viewModel = new ViewModel(context, views, jobs, jobModel);
            var visibleViews = context.Has(Permission.ViewRead) ? views.All() : [];
            return ApiResponse.Render(context, flavor, (writer, depth) =>
            {
                writer.StartObject();
                writer.Fragment(Controller);
                writer.Property("numExecutors", instance.Security.NumExecutors);
                writer.NullProperty("description");
                writer.Name("jobs");
                jobModel.WriteList(writer, jobs.Children(string.Empty), depth);
                writer.Name("overallLoad");
                writer.StartObject();
                writer.EndObject();
                writer.Name("primaryView");
                if (views.Find(views.PrimaryView) is { } primary)
                {
                    viewModel.WriteNested(writer, primary, depth);
                }
                else
                {
                    writer.Null();
                }

                writer.Property("quietDownReason", quietDown.Reason);
                writer.Property("quietingDown", quietDown.IsQuietingDown);
                writer.Fragment(NoAgents);
                writer.Property("url", RootUrl.Of(context));
                writer.Property("useCrumbs", instance.Security.CrumbsRequired);
                writer.Property("useSecurity", true);
                writer.Name("views");
                writer.StartArray();
                foreach (var view in visibleViews)
                {
                    viewModel.WriteNested(writer, view, depth);
                }

                writer.EndArray();
                writer.EndObject();
            }, "hudson");
        }).Requires(Permission.OverallRead);
    }
}
