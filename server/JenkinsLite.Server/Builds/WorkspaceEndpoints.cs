using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Builds;

/// <summary>A job's workspace: files, listings and zips (Job/Workspace).</summary>
internal static class WorkspaceEndpoints
{
    // Emulates GET /job/<n>/ws/<path> and ws/*zip*/<name>.zip: 200; 404 (no workspace, no such file); 403 without Job/Workspace
    public static async Task<IResult> ServeAsync(HttpContext context, string name, string path)
    {
        var (job, refusal) = JobAccess.Find(context, name);
        if (job is null)
        {
            return refusal!;
        }

        if (!context.Has(Permission.ItemWorkspace))
        {
            return Forbidden.For(context, Permission.ItemWorkspace);
        }

        var workspace = context.RequestServices.GetRequiredService<BuildFiles>().WorkspaceOf(job.FullName);
        return !Directory.Exists(workspace)
            ? JobAccess.NotFound("Error: no workspace")
            : await FileBrowser.ServeAsync(context, workspace, job.Name, path);
    }
}
