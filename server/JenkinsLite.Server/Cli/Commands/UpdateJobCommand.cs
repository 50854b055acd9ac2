using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>update-job JOB</c>: replaces the job's config.xml with stdin (Job/Configure).</summary>
internal sealed class UpdateJobCommand : ICliCommand
{
    public string Name => "update-job";

    public string Summary => "Updates the job definition XML from stdin. The opposite of the get-job command.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["JOB"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var item = JobCommandSupport.Find(context, jobs, arguments.At(0)!);
        context.Require(Permission.ItemConfigure, item.FullName);
        var xml = await context.ReadStdinAsync(JobCommandSupport.MaxConfigBytes, cancellationToken);
        var result = jobs.UpdateConfig(item.FullName, xml);
        return result.Succeeded ? CliExit.Ok : throw JobCommandSupport.Problem(result, item.FullName);
    }
}
