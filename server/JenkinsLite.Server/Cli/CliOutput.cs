using System.Text;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Server.Cli;

/// <summary>
/// A command's stdout or stderr: text is encoded in the client's charset and every write goes out at once
/// as STDOUT/STDERR frames of at most 64 KiB (well under the jar's 4 MiB message limit).
/// </summary>
internal sealed class CliOutput(ICliFrameChannel channel, CliOp op, Encoding encoding)
{
    private const int MaxChunk = 64 * 1024;

    public Encoding Encoding => encoding;

    public Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        WriteAsync(line + "\n", cancellationToken);

    public Task WriteAsync(string text, CancellationToken cancellationToken) =>
        text.Length == 0 ? Task.CompletedTask : WriteAsync(encoding.GetBytes(text), cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < bytes.Length; offset += MaxChunk)
        {
            var chunk = bytes.Slice(offset, Math.Min(MaxChunk, bytes.Length - offset));
            await channel.WriteAsync(new CliFrame(op, chunk), cancellationToken);
        }
    }
}
