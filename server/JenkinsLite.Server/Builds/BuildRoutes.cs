using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;

namespace JenkinsLite.Server.Builds;

/// <summary>The builds feature's actions under a job and its builds, in the one job route table (<see cref="JobRoutes"/>).</summary>
internal static class BuildRoutes
{
    public static void MapBuildRoutes(this IEndpointRouteBuilder app)
    {
        var routes = JobRoutes.Of(app);
        // Job/Build, or the job's trigger token instead, is checked by the trigger itself.
        routes.Job("build", JobMethods.ReadOrPost, Permission.ItemRead, r => TriggerEndpoints.TriggerAsync(r, withParameters: false));
        routes.Job("buildWithParameters", JobMethods.ReadOrPost, Permission.ItemRead, r => TriggerEndpoints.TriggerAsync(r, withParameters: true));
        routes.Job("ws", JobMethods.Read, Permission.ItemWorkspace, WorkspaceEndpoints.ServeAsync);

        routes.Build(string.Empty, JobMethods.Read, Permission.ItemRead, BuildEndpoints.Page);
        routes.Build("api", JobMethods.ReadOrPost, Permission.ItemRead, BuildEndpoints.Api);
        routes.Build("consoleText", JobMethods.Read, Permission.ItemRead, BuildEndpoints.ConsoleText);
        routes.Build("logText/progressiveText", JobMethods.ReadOrPost, Permission.ItemRead, BuildEndpoints.ProgressiveTextAsync);
        routes.Build("artifact", JobMethods.Read, Permission.ItemRead, BuildEndpoints.ArtifactAsync);
        routes.Build("stop", JobMethods.Post, Permission.ItemCancel, BuildEndpoints.Stop);
        routes.Build("doDelete", JobMethods.Post, Permission.RunDelete, BuildEndpoints.Delete);
        routes.Build("submitDescription", JobMethods.Post, Permission.RunUpdate, BuildEndpoints.SubmitDescriptionAsync);
        // Keeping needs Run/Update, releasing Run/Delete: the action checks the one the build's state asks for.
        routes.Build("toggleLogKeep", JobMethods.Post, Permission.ItemRead, BuildEndpoints.ToggleLogKeep);
        routes.Build("configSubmit", JobMethods.Submit, Permission.RunUpdate, BuildEndpoints.ConfigSubmitAsync);
    }
}
