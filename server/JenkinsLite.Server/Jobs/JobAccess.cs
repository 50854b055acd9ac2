using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Jobs;

/// <summary>
/// Finds the item a URL names, as Jenkins does: an item the caller may not read does not exist for them
/// (404), unless they may discover it (403); then the action's own permission (403).
/// </summary>
internal static class JobAccess
{
    public static (JobItem? Item, IResult? Refusal) Resolve(HttpContext context, JobRegistry jobs, string fullName, Permission? permission = null)
    {
        if (jobs.Find(fullName) is not { } item)
        {
            return (null, Results.NotFound());
        }

        if (!context.Has(Permission.ItemRead))
        {
            return (null, context.Has(Permission.ItemDiscover) ? Forbidden.For(context, Permission.ItemRead) : Results.NotFound());
        }

        if (permission is not null && !context.Has(permission))
        {
            return (null, Forbidden.For(context, permission));
        }

        return (item, null);
    }

    /// <summary>Whether the caller sees items in lists (Jenkins filters lists by Job/Read).</summary>
    public static bool CanSeeItems(HttpContext context) => context.Has(Permission.ItemRead);
}
