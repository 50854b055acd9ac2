using JenkinsLite.Persistence.Home;

namespace JenkinsLite.Server.Lifecycle;

/// <summary>
/// Removes the temp files an interrupted write left in the home (REL-04), in the background once the server runs:
/// it walks every folder of the home, seconds for one of 100,000 users, and no read needs it first (a temp is never
/// loaded as data). Only temps older than this start go; a newer one belongs to a write in progress.
/// </summary>
internal sealed class StaleTempCleaner(string home, DateTime startedUtc, ILogger<StaleTempCleaner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            var removed = AtomicFile.RemoveStaleTemps(home, startedUtc);
            if (removed > 0)
            {
                logger.LogWarning("Removed {Count} temporary file(s) left by an interrupted write", removed);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove the temporary files left by an interrupted write: {Error}", e.Message);
        }
    }, stoppingToken);
}
