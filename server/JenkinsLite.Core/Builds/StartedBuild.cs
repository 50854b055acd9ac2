namespace JenkinsLite.Core.Builds;

/// <summary>A build an executor is running: what it was queued with (parameter values in plain text) and how to stop it.</summary>
public sealed class StartedBuild(BuildRecord record, QueueItem item, int executorNumber) : IDisposable
{
    private readonly CancellationTokenSource _abort = new();

    public BuildRecord Record { get; } = record;

    public QueueItem Item { get; } = item;

    public int ExecutorNumber { get; } = executorNumber;

    /// <summary>Cancelled when someone stops the build (or the server shuts down).</summary>
    public CancellationToken Aborted => _abort.Token;

    public bool IsAborted => _abort.IsCancellationRequested;

    public void Abort() => _abort.Cancel();

    public void Dispose() => _abort.Dispose();
}
