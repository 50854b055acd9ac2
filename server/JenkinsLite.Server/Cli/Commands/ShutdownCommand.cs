using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Lifecycle;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>shutdown</c> and <c>safe-shutdown</c> (Overall/Administer), Jenkins' CLI methods of exit and
/// safeExit: shutdown stops the server once the session has ended; safe-shutdown quiets down and returns at
/// once, and the server stops when no build runs any more, unless quiet-down is cancelled first.
/// </summary>
internal sealed class ShutdownCommand(bool safe) : ICliCommand
{
    public string Name => safe ? "safe-shutdown" : "shutdown";

    public string Summary => safe
        ? "Puts Jenkins into the quiet mode, wait for existing builds to be completed, and then shut down Jenkins."
        : "Immediately shuts down Jenkins server.";

    public CliSyntax Syntax => CliSyntax.None;

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        var shutdown = context.Services.GetRequiredService<ServerShutdown>();
        if (safe)
        {
            shutdown.WhenIdle();
        }
        else
        {
            shutdown.Now();
        }

        return Task.FromResult(CliExit.Ok);
    }
}
