using System.Collections.Concurrent;
using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// The built-in node's executors: starts each build the queue lets start, and wakes when something
/// changes or a quiet period ends. At shutdown, running builds are stopped and recorded as ABORTED.
/// </summary>
internal sealed partial class BuildExecutors(BuildQueue queue, BuildRunner runner, Hosting.ServerOptions options, ILogger<BuildExecutors> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentDictionary<StartedBuild, Task> _running = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        queue.AbortAll();
        try
        {
            await Task.WhenAll(_running.Values).WaitAsync(BuildRunner.StopGracePeriod + TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (TimeoutException)
        {
            LogBuildsStillRunning(logger, _running.Count);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        queue.Changed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (TryStartNext() is { } build)
                {
                    var run = Task.Run(async () =>
                    {
                        try
                        {
                            await runner.RunAsync(build);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            LogRecordFault(logger, build.Record.JobFullName, build.Record.Number, e);
                        }
                    }, CancellationToken.None);
                    _running[build] = run;
                    _ = run.ContinueWith(_ => _running.TryRemove(build, out Task? _), TaskScheduler.Default);
                }

                var sleep = queue.NextDueAt is { } due ? due - options.Clock.GetUtcNow() : LongestSleep;
                sleep = sleep < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : sleep > LongestSleep ? LongestSleep : sleep;
                sleep = _startFaulted ? TimeSpan.FromSeconds(1) : sleep; // a full disk is not retried in a tight loop
                _startFaulted = false;
                await _wake.WaitAsync(sleep, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down: StopAsync aborts what runs
        }
        finally
        {
            queue.Changed -= Wake;
        }
    }

    // A build that cannot begin (its record or number not writable) stays queued and is tried again at the next
    // wake; the exception must not end this loop, or no build would ever start again (found by the soak).
    private bool _startFaulted;

    private StartedBuild? TryStartNext()
    {
        try
        {
            return queue.TryStartNext();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogStartFault(logger, e);
            _startFaulted = true;
            return null;
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
        catch (ObjectDisposedException)
        {
            // stopped
        }
    }

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Could not record the end of build {Job} #{Number}")]
    private static partial void LogRecordFault(ILogger logger, string job, int number, Exception e);

    [LoggerMessage(EventId = 60, Level = LogLevel.Error, Message = "A queued build could not begin; it stays queued and is tried again")]
    private static partial void LogStartFault(ILogger logger, Exception e);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "{Count} build(s) still running at shutdown; they show as ABORTED at the next start")]
    private static partial void LogBuildsStillRunning(ILogger logger, int count);
}
