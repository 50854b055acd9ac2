using System.IO.Pipelines;

namespace JenkinsLite.Server.Cli;

/// <summary>The command's stdin as the session feeds it: bytes until END_STDIN; anything after that is dropped.</summary>
internal sealed class StdinSink(PipeWriter writer)
{
    private bool _ended;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (!_ended)
        {
            await writer.WriteAsync(bytes, cancellationToken);
        }
    }

    public async ValueTask EndAsync()
    {
        if (!_ended)
        {
            _ended = true;
            await writer.CompleteAsync();
        }
    }
}
