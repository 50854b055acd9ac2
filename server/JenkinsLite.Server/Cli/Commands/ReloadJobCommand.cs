using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>reload-job NAME...</c> (Job/Configure): re-reads job configuration from disk. JenkinsLite's
/// registry reloads all items at once, so every named job is checked first and the reload runs once.
/// </summary>
internal sealed class ReloadJobCommand : ICliCommand
{
    public string Name => "reload-job";

    public string Summary => "Reload job(s)";

    public CliSyntax Syntax { get; } = CliSyntax.Repeating(["NAME"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var names = arguments.Positionals.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ok = await EachName.TryAllAsync(context, names, name =>
        {
            context.Require(Permission.ItemConfigure, JobCommandSupport.Find(context, jobs, name).FullName);
        }, cancellationToken);
        jobs.Load();
        return EachName.Finish(ok);
    }
}
