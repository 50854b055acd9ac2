using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Home;

namespace JenkinsLite.Persistence.Jobs;

/// <summary>
/// Where an item lives: <c>jobs/a</c> for "a", <c>jobs/a/jobs/b</c> for "b" in folder "a". Every
/// segment passes Jenkins' name rules first, and the result cannot leave the home.
/// </summary>
public static class JobPaths
{
    public static string FolderOf(JenkinsHome home, string fullName)
    {
        var segments = fullName.Split('/');
        if (segments.Any(s => !ItemName.IsValid(s)))
        {
            throw new ArgumentException($"'{fullName}' is not a valid item name.", nameof(fullName));
        }

        return home.Resolve([.. segments.SelectMany(s => new[] { "jobs", s })]);
    }

    public static string ConfigOf(JenkinsHome home, string fullName) => Path.Combine(FolderOf(home, fullName), "config.xml");

    /// <summary>Where a job's builds are: <c>&lt;job&gt;/builds/&lt;n&gt;/</c> (Jenkins' default buildsDir).</summary>
    public static string BuildsOf(JenkinsHome home, string fullName) => Path.Combine(FolderOf(home, fullName), "builds");

    /// <summary>Jenkins' default workspace: <c>workspace/&lt;full name&gt;</c>.</summary>
    public static string WorkspaceOf(JenkinsHome home, string fullName) =>
        home.Resolve(["workspace", .. fullName.Split('/').Select(s => ItemName.IsValid(s) ? s : throw new ArgumentException("bad name", nameof(fullName)))]);
}
