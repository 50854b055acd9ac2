using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>enable-job NAME</c> and <c>disable-job NAME</c> (Job/Configure). Jenkins declares these
/// as CLI methods, whose resolver makes an unknown job a bad command line: exit 2 with the usage.
/// </summary>
internal sealed class ToggleJobCommand(bool disable) : ICliCommand
{
    public string Name => disable ? "disable-job" : "enable-job";

    public string Summary => disable ? "Disables a job." : "Enables a job.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["NAME"], 1);

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var item = JobCommandSupport.Resolve(context, jobs, arguments.At(0)!);
        context.Require(Permission.ItemConfigure, item.FullName);
        var result = jobs.SetDisabled(item.FullName, disable);
        return result.Succeeded ? Task.FromResult(CliExit.Ok) : throw JobCommandSupport.Problem(result, item.FullName);
    }
}
