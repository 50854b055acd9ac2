using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>delete-builds JOB RANGE</c> (<c>N</c>, <c>N-M</c>, <c>N,M</c>, mixed) with Run/Delete; prints "Deleted N builds".</summary>
internal sealed class DeleteBuildsCommand : ICliCommand
{
    public string Name => "delete-builds";

    public string Summary => "Deletes build record(s).";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["JOB", "RANGE"], 2);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var name = arguments.At(0)!;
        var job = JobCommandSupport.RefuseFolder(JobCommandSupport.Find(context, jobs, name), name);
        var range = BuildRange.Parse(arguments.At(1)!);
        context.Require(Permission.RunDelete, job.FullName);
        var records = BuildCommandSupport.Records(context);
        var deleted = 0;
        foreach (var build in range.Of(records.Of(job.FullName)))
        {
            if (records.Delete(job.FullName, build.Number) == DeleteBuildOutcome.Deleted)
            {
                deleted++;
            }
        }

        await context.Out.WriteLineAsync($"Deleted {deleted} builds", cancellationToken);
        return CliExit.Ok;
    }
}
