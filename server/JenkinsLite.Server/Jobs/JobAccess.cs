using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Jobs;

/// <summary>
/// Finds the item a URL names, as Jenkins does: without Overall/Read nothing is found (403); an item the
/// caller may not read does not exist for them (404, as one that does not exist), unless they may discover
/// it (403).
/// </summary>
internal static class JobAccess
{
    public static (JobItem? Item, IResult? Refusal) Resolve(HttpContext context, string fullName)
    {
        if (!context.Has(Permission.OverallRead))
        {
            return (null, Forbidden.For(context, Permission.OverallRead));
        }

        var item = context.Service<JobRegistry>().Find(fullName);
        // An item outside a token's item list does not exist for it, as if its owner could not see it.
        if (item is not null && !context.Sees(item))
        {
            item = null;
        }

        if (item is null || !context.Has(Permission.ItemRead))
        {
            return (null, item is not null && context.Has(Permission.ItemDiscover)
                ? Forbidden.For(context, Permission.ItemRead)
                : Failure.NotFound($"No such job: {fullName}"));
        }

        return (item, null);
    }

    /// <summary>Whether the caller sees items in lists (Jenkins filters lists by Job/Read).</summary>
    public static bool CanSeeItems(HttpContext context) => context.Has(Permission.ItemRead);
}
