namespace JenkinsLite.Protocol.Cli;

/// <summary>
/// The <c>-http</c> framing over two byte streams (the upload body in, the download body out). Reads
/// reassemble frames across any split; each written frame is flushed on its own.
/// </summary>
public sealed class StreamFrameChannel(Stream input, Stream output, int maxPayload) : ICliFrameChannel
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly byte[] _header = new byte[CliFrameCodec.HeaderLength];

    public async ValueTask<CliFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        var read = await ReadAtLeastAsync(_header, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < _header.Length)
        {
            throw new CliProtocolException("The stream ended inside a frame header.");
        }

        var (length, op) = CliFrameCodec.ReadHeader(_header, maxPayload);
        var payload = new byte[length];
        if (await ReadAtLeastAsync(payload, cancellationToken) < length)
        {
            throw new CliProtocolException("The stream ended inside a frame.");
        }

        return new CliFrame(op, payload);
    }

    public void Dispose() => _writeGate.Dispose();

    public async ValueTask WriteAsync(CliFrame frame, CancellationToken cancellationToken)
    {
        var bytes = CliFrameCodec.ToLengthPrefixed(frame);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await output.WriteAsync(bytes, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async ValueTask<int> ReadAtLeastAsync(byte[] buffer, CancellationToken cancellationToken) =>
        buffer.Length == 0 ? 0 : await input.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
}
