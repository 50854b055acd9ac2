using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Tests.Transport;

/// <summary>A server stand-in: records what the client writes and answers with given frames once stdin has ended.</summary>
internal sealed class RecordingChannel(params CliFrame[] replies) : ICliFrameChannel
{
    private readonly Queue<CliFrame> _replies = new(replies);
    private readonly TaskCompletionSource _stdinEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();

    public List<CliFrame> Written { get; } = [];

    public async ValueTask<CliFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        await _stdinEnded.Task.WaitAsync(cancellationToken);
        return _replies.TryDequeue(out var frame) ? frame : null;
    }

    public ValueTask WriteAsync(CliFrame frame, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Written.Add(new CliFrame(frame.Op, frame.Payload.ToArray()));
        }

        if (frame.Op == CliOp.EndStdin)
        {
            _stdinEnded.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
    }
}
