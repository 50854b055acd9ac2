using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>list-jobs [NAME]</c>: the names of the items at the top level or in folder NAME, one per
/// line; a caller without Job/Read sees none, as Jenkins filters lists.
/// </summary>
internal sealed class ListJobsCommand : ICliCommand
{
    public string Name => "list-jobs";

    public string Summary => "Lists all jobs in a specific view or item group.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["NAME"], 0);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var parent = string.Empty;
        if (arguments.At(0) is { } name && !string.Equals(name, "all", StringComparison.OrdinalIgnoreCase))
        {
            var folder = context.Has(Permission.ItemRead) ? jobs.Find(name) : null;
            if (folder is null || folder.Config.Kind != ItemKind.Folder)
            {
                throw CliException.IllegalArgument($"No view or item group with the given name '{name}' found.");
            }

            parent = folder.FullName;
        }

        if (!context.Has(Permission.ItemRead))
        {
            return CliExit.Ok;
        }

        foreach (var item in jobs.Children(parent))
        {
            await context.Out.WriteLineAsync(item.Name, cancellationToken);
        }

        return CliExit.Ok;
    }
}
