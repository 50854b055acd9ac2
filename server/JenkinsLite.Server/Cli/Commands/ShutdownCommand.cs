using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>shutdown</c> and <c>safe-shutdown</c> (Overall/Administer): the server stops after the
/// session ends. JenkinsLite has no build executor of its own to drain yet, so both stop the same way.
/// </summary>
internal sealed class ShutdownCommand(string name, string summary, IHostApplicationLifetime lifetime) : ICliCommand
{
    public string Name => name;

    public string Summary => summary;

    public CliSyntax Syntax => CliSyntax.None;

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);

        // Let EXIT reach the client first.
        _ = Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
        return Task.FromResult(CliExit.Ok);
    }
}
