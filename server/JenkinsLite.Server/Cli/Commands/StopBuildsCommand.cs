using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>stop-builds JOB...</c>: aborts every running build of the jobs (Job/Cancel); a line per build, or "No builds stopped".</summary>
internal sealed class StopBuildsCommand : ICliCommand
{
    public string Name => "stop-builds";

    public string Summary => "Stop all running builds for job(s)";

    public CliSyntax Syntax { get; } = CliSyntax.Repeating(["JOB_NAME"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var queue = BuildCommandSupport.Queue(context);
        var items = arguments.Positionals.Distinct(StringComparer.OrdinalIgnoreCase).Select(n => JobCommandSupport.Find(context, jobs, n)).ToList();
        // Each job on its own: a token limited to some items may stop builds of those only.
        items.ForEach(item => context.Require(Permission.ItemCancel, item.FullName));
        var stopped = 0;
        foreach (var item in items)
        {
            foreach (var running in queue.Running.Where(r => string.Equals(r.Record.JobFullName, item.FullName, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                queue.Stop(item.FullName, running.Record.Number);
                await context.Out.WriteLineAsync($"Build '#{running.Record.Number}' stopped for job '{item.FullName}'", cancellationToken);
                stopped++;
            }
        }

        if (stopped == 0)
        {
            await context.Out.WriteLineAsync("No builds stopped", cancellationToken);
        }

        return CliExit.Ok;
    }
}
