using System.Text.RegularExpressions;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Views;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>list-jobs [NAME]</c>: the names of the items at the top level, in view NAME, or in folder
/// NAME (views first, as Jenkins looks), one per line; a caller without Job/Read sees none.
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
        IReadOnlyList<JobItem>? listed = null;
        if (arguments.At(0) is { } viewName && context.Services.GetService<IViewStore>()?.Find(viewName) is { } view)
        {
            listed = InView(view, jobs.Children(string.Empty));
        }
        else if (arguments.At(0) is { } name)
        {
            var folder = context.Has(Permission.ItemRead) ? jobs.Find(name) : null;
            folder = folder is not null && context.Sees(folder) ? folder : null;
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

        foreach (var item in (listed ?? jobs.Children(parent)).Where(context.Sees))
        {
            await context.Out.WriteLineAsync(item.Name, cancellationToken);
        }

        return CliExit.Ok;
    }

    private static List<JobItem> InView(ViewConfig view, IReadOnlyList<JobItem> topLevel)
    {
        if (view.ShowsAll)
        {
            return [.. topLevel];
        }

        Regex? include = null;
        if (!string.IsNullOrEmpty(view.IncludeRegex))
        {
            try
            {
                include = new Regex(view.IncludeRegex, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                include = null; // Jenkins ignores a pattern that does not compile
            }
        }

        return [.. topLevel.Where(i => view.JobNames.Contains(i.Name, StringComparer.OrdinalIgnoreCase)
            || (include is not null && IsMatch(include, i.Name)))];
    }

    private static bool IsMatch(Regex pattern, string name)
    {
        try
        {
            return pattern.IsMatch(name) && pattern.Match(name).Length == name.Length;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
