using System.Net.WebSockets;

namespace JenkinsLite.Protocol.Cli;

/// <summary>
/// The <c>-webSocket</c> framing: one binary message per frame, no length prefix. Fragmented messages
/// are reassembled; a text message or one above <paramref name="maxMessage"/> bytes is a protocol error.
/// </summary>
public sealed class WebSocketFrameChannel(WebSocket socket, int maxMessage) : ICliFrameChannel
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly byte[] _buffer = new byte[16 * 1024];

    public WebSocket Socket => socket;

    public async ValueTask<CliFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken);
            }
            catch (WebSocketException e) when (e.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
            {
                if (message.Length > 0)
                {
                    throw new CliProtocolException("The connection ended inside a message.", e);
                }

                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return message.Length == 0 ? null : throw new CliProtocolException("The connection closed inside a message.");
            }

            if (result.MessageType != WebSocketMessageType.Binary)
            {
                throw new CliProtocolException("Text messages are not part of the CLI protocol.");
            }

            if (message.Length + result.Count > maxMessage)
            {
                throw new CliProtocolException($"A message is longer than {maxMessage} bytes.");
            }

            message.Write(_buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return CliFrameCodec.FromMessage(message.ToArray());
            }
        }
    }

    public void Dispose() => _writeGate.Dispose();

    public async ValueTask WriteAsync(CliFrame frame, CancellationToken cancellationToken)
    {
        var bytes = CliFrameCodec.ToMessage(frame);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
