using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// <c>restart</c> and <c>safe-restart</c>: JenkinsLite cannot relaunch itself (Jenkins answers the same
/// on platforms without restart support: exit 1 with a message), so the service manager must do it.
/// </summary>
internal sealed class RestartCommand(string name, string summary) : ICliCommand
{
    public string Name => name;

    public string Summary => summary;

    public CliSyntax Syntax { get; } = CliSyntax.Of([], 0, CliOption.Value("-message", "TEXT", "Message for the restart (ignored)"));

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Manage);
        throw new CliException("Restart is not supported by JenkinsLite: stop it with 'shutdown' and let the service manager start it again.");
    }
}
