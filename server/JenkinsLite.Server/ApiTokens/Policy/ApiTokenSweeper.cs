using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.ApiTokens.Policy;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.ApiTokens.Policy;

/// <summary>
/// The policy's daily sweep: revokes every token unused for <c>maxUnusedDays</c>, each with a token.swept event.
/// It first runs a minute after start, then every day, on the server's clock; tests call <see cref="SweepNow"/>.
/// While usage statistics are off nothing is swept: every token would look unused.
/// </summary>
internal sealed partial class ApiTokenSweeper(JenkinsInstance instance, TokenPolicy policy, ILogger<ApiTokenSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Revokes the stale tokens now; returns how many were revoked.</summary>
    public int SweepNow()
    {
        if (!instance.ApiTokens.UsageStatisticsEnabled)
        {
            return 0;
        }

        var revoked = 0;
        var current = policy.Current;
        foreach (var stale in UnusedTokens.ToSweep(instance.Users, current, instance.Options.Clock.GetUtcNow()))
        {
            var details = new Dictionary<string, string?>
            {
                ["unusedDays"] = stale.UnusedDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["maxUnusedDays"] = current.MaxUnusedDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            using (TokenAuditTrail.Because(TokenAuditEvents.Swept, "SYSTEM", details))
            {
                instance.Users.RevokeToken(stale.UserId, stale.Uuid);
            }

            LogSwept(logger, stale.Name, stale.UserId, stale.UnusedDays);
            revoked++;
        }

        return revoked;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, instance.Options.Clock, stoppingToken);
                SweepNow();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException e)
            {
                // the audit log or a user file cannot be written: nothing unaudited was revoked; try again tomorrow
                LogSweepFailed(logger, e.Message);
            }

            delay = Interval;
        }
    }

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Revoked API token {TokenName} of {UserId}, unused for {Days} days (policy)")]
    private static partial void LogSwept(ILogger logger, string tokenName, string userId, int days);

    [LoggerMessage(EventId = 62, Level = LogLevel.Error, Message = "The API token sweep stopped: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
