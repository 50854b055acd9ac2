using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Lifecycle;

/// <summary>
/// Stopping the server as Jenkins' exit and safeExit do, for the HTTP endpoints and the CLI commands alike:
/// at once, or once no build runs (quiet-down first; cancelling quiet-down calls the stop off).
/// </summary>
internal sealed class ServerShutdown(QuietDown quietDown, BuildQueue queue, IHostApplicationLifetime lifetime)
{
    // Lets the answer (EXIT of a CLI session, an HTTP response) reach the client before the server stops.
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(1);

    public void Now() => _ = StopAfterGraceAsync();

    public void WhenIdle()
    {
        quietDown.Begin(null);
        _ = Task.Run(async () =>
        {
            if (await queue.WaitUntilQuietAsync(null, lifetime.ApplicationStopping))
            {
                await StopAfterGraceAsync();
            }
        }, CancellationToken.None);
    }

    private async Task StopAfterGraceAsync()
    {
        await Task.Delay(AnswerGrace, CancellationToken.None);
        lifetime.StopApplication();
    }
}
