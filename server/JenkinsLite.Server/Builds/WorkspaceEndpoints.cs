using JenkinsLite.Persistence.Builds;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Builds;

/// <summary>A job's workspace: files, listings and zips (Job/Workspace).</summary>
internal static class WorkspaceEndpoints
{
    // Emulates GET /job/<n>/ws/<path> and ws/*zip*/<name>.zip: 200; 404 (no workspace, no such file); 403 without Job/Workspace
    public static async Task<IResult> ServeAsync(JobRequest request)
    {
        var (context, job) = (request.Context, request.Job);
        var workspace = context.Service<BuildFiles>().WorkspaceOf(job.FullName);
        return !Directory.Exists(workspace)
            ? Failure.NotFound("Error: no workspace")
            : await FileBrowser.ServeAsync(context, workspace, job.Name, string.Join('/', request.Tail));
    }
}
