using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// What the job commands share: the job registry, and Jenkins' lookup rules. An item the caller may not
/// read does not exist for them (unless they may discover it); a missing name suggests the nearest one.
/// </summary>
internal static class JobCommandSupport
{
    /// <summary>The most bytes of config.xml read from stdin (the HTTP side accepts 16 MiB bodies too).</summary>
    public const int MaxConfigBytes = 16 * 1024 * 1024;

    public static JobRegistry Registry(CliContext context) =>
        context.Services.GetService<JobRegistry>() ?? throw new CliException("Jobs are not available on this server.");

    /// <summary>The item, or exit 3 "No such job 'X'" (with a suggestion when one is close).</summary>
    public static JobItem Find(CliContext context, JobRegistry jobs, string name) =>
        Readable(context, jobs, name) ?? throw CliException.IllegalArgument(NoSuchJob(context, jobs, name));

    /// <summary>
    /// Find for the commands Jenkins declares as CLI methods (enable-job, disable-job, keep-build): their
    /// CLIResolver reports an unknown job as a bad command line, exit 2, in its own words.
    /// </summary>
    public static JobItem Resolve(CliContext context, JobRegistry jobs, string name)
    {
        if (Readable(context, jobs, name) is { } item)
        {
            return item;
        }

        var nearest = NearestName(context, jobs, name);
        throw CliException.BadArguments(nearest is null
            ? $"No such job ‘{name}’ exists."
            : $"No such job ‘{name}’ exists. Perhaps you meant ‘{nearest}’?");
    }

    /// <summary>A folder has no builds: the build commands refuse it as a job that does not exist (exit 3), as Jenkins' Job arguments do.</summary>
    public static JobItem RefuseFolder(JobItem item, string name) =>
        item.Config.Kind == ItemKind.Folder ? throw CliException.IllegalArgument($"No such job '{name}'") : item;

    public static string NoSuchJob(CliContext context, JobRegistry jobs, string name)
    {
        var nearest = NearestName(context, jobs, name);
        return nearest is null ? $"No such job '{name}'" : $"No such job '{name}'; perhaps you meant '{nearest}'?";
    }

    /// <summary>
    /// Job/Create in the folder (as the HTTP folder route checks it) and for the new item itself, so a token
    /// limited to some items creates only items inside its patterns.
    /// </summary>
    public static void RequireCreate(CliContext context, string parent, string fullName)
    {
        if (parent.Length > 0)
        {
            context.Require(Permission.ItemCreate, parent);
        }

        context.Require(Permission.ItemCreate, fullName.Trim('/'));
    }

    /// <summary>"folder/name" as (parent, name); a top-level name has parent "".</summary>
    public static (string Parent, string Name) Split(string fullName)
    {
        var trimmed = fullName.Trim('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? (string.Empty, trimmed) : (trimmed[..slash], trimmed[(slash + 1)..]);
    }

    /// <summary>Maps a failed change to Jenkins' CLI exit codes.</summary>
    public static CliException Problem(JobChangeResult result, string name) => result.Outcome switch
    {
        JobChange.AlreadyExists => CliException.IllegalState($"Job '{name}' already exists"),
        JobChange.NotFound => CliException.IllegalArgument(result.Message ?? $"No such job '{name}'"),
        JobChange.NoSuchSource => CliException.IllegalArgument(result.Message ?? $"No such job '{name}'"),
        JobChange.InvalidName => CliException.IllegalArgument(result.Message ?? $"'{name}' is not a valid name"),
        JobChange.InvalidConfig or JobChange.WrongType => new CliException(result.Message ?? "The configuration is not valid"),
        _ => CliException.IllegalState(result.Message ?? result.Outcome.ToString()),
    };

    /// <summary>Null when there is no such item or the caller may not read it; exit 6 when they may only discover it.</summary>
    private static JobItem? Readable(CliContext context, JobRegistry jobs, string name)
    {
        var item = jobs.Find(name);
        if (item is not null && !context.Sees(item))
        {
            return null; // outside the token's item list: as if it did not exist
        }

        if (item is not null && context.Has(Permission.ItemRead))
        {
            return item;
        }

        if (item is not null && context.Has(Permission.ItemDiscover))
        {
            throw CliContext.MissingPermission(context.Caller.Name, Permission.ItemRead);
        }

        return null;
    }

    private static string? NearestName(CliContext context, JobRegistry jobs, string name) =>
        context.Has(Permission.ItemRead) ? Nearest(jobs.All().Where(context.Sees).Select(i => i.FullName), name) : null;

    private static string? Nearest(IEnumerable<string> names, string wanted)
    {
        string? best = null;
        var bestDistance = Math.Max(2, wanted.Length / 3) + 1;
        foreach (var name in names)
        {
            var distance = Distance(name.ToLowerInvariant(), wanted.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
