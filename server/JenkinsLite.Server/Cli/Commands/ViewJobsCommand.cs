using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Views;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>add-job-to-view VIEW JOB...</c> and <c>remove-job-from-view VIEW JOB...</c> (View/Configure) on list views.</summary>
internal sealed class ViewJobsCommand(bool add) : ICliCommand
{
    public string Name => add ? "add-job-to-view" : "remove-job-from-view";

    public string Summary => add ? "Adds jobs to view." : "Removes jobs from view.";

    public CliSyntax Syntax { get; } = CliSyntax.Repeating(["VIEW", "JOB"], 2);

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var views = ViewCommandSupport.Store(context);
        var jobs = JobCommandSupport.Registry(context);
        var view = ViewCommandSupport.Find(views, arguments.At(0)!);
        var items = arguments.Positionals.Skip(1).Select(n => JobCommandSupport.Find(context, jobs, n)).ToList();
        context.Require(Permission.ViewConfigure);
        if (view.ShowsAll)
        {
            throw CliException.IllegalState($"'{view.Name}' view can not be modified directly");
        }

        foreach (var item in items)
        {
            var change = views.SetJobListed(view.Name, item.FullName, add);
            if (change != ViewChange.Done)
            {
                throw ViewCommandSupport.Problem(change, view.Name, null);
            }
        }

        return Task.FromResult(CliExit.Ok);
    }
}
