using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>shutdown</c> and <c>safe-shutdown</c> (Overall/Administer). shutdown stops the server once the
/// session has ended. safe-shutdown quiets down and returns at once; the server stops when no build runs
/// any more, unless quiet-down is cancelled first (Jenkins' doSafeExit).
/// </summary>
internal sealed class ShutdownCommand(bool safe, IHostApplicationLifetime lifetime) : ICliCommand
{
    // Lets EXIT reach the client before the server stops.
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(1);

    public string Name => safe ? "safe-shutdown" : "shutdown";

    public string Summary => safe
        ? "Puts Jenkins into the quiet mode, wait for existing builds to be completed, and then shut down Jenkins."
        : "Immediately shuts down Jenkins server.";

    public CliSyntax Syntax => CliSyntax.None;

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        if (!safe)
        {
            _ = StopAfterGraceAsync();
            return Task.FromResult(CliExit.Ok);
        }

        var quietDown = context.Services.GetRequiredService<QuietDown>();
        var queue = BuildCommandSupport.Queue(context);
        quietDown.Begin(null);
        _ = Task.Run(async () =>
        {
            if (await queue.WaitUntilQuietAsync(null, lifetime.ApplicationStopping))
            {
                await StopAfterGraceAsync();
            }
        }, CancellationToken.None);
        return Task.FromResult(CliExit.Ok);
    }

    private async Task StopAfterGraceAsync()
    {
        await Task.Delay(ExitGrace, CancellationToken.None);
        lifetime.StopApplication();
    }
}
