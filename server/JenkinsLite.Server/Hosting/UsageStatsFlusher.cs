using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Server.Hosting;

/// <summary>
/// Writes token usage statistics in the background every few seconds and once more at shutdown, so
/// authentication never waits on a disk write; a crash loses at most one interval of counts.
/// </summary>
internal sealed partial class UsageStatsFlusher(UserAccounts users, TokenAddressBook addresses, ServerOptions options, ILogger<UsageStatsFlusher> logger)
    : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Flush();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.StatsFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down: StopAsync flushes once more
        }
    }

    private void Flush()
    {
        // Each file on its own: a failing stats write must not hold back the addresses, nor the other way round.
        foreach (var flush in new Action[] { users.Usage.Flush, addresses.Flush })
        {
            try
            {
                flush();
            }
            catch (IOException e)
            {
                LogFlushFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Could not write token usage statistics: {Reason}; will retry")]
    private static partial void LogFlushFailed(ILogger logger, string reason);
}
