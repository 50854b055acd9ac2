using System.Buffers.Binary;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Transport;

/// <summary>
/// The client end of an upgraded <c>-webSocket</c> connection (RFC 6455 section 5): each CLI frame is one
/// masked binary message, FIN set, as Tyrus sends them (cli.md 4.2); fragmented server messages are joined,
/// pings answered, and a close frame ends the stream. ManagedWebSocket would do the same, but it draws every
/// mask from RandomNumberGenerator, which on Linux loads OpenSSL (issue 13); masks here come from Guids,
/// which the OS's secure generator fills without it.
/// </summary>
internal sealed class WebSocketClientChannel(Stream stream, ReadOnlyMemory<byte> received, int maxMessage) : ICliFrameChannel
{
    private const byte Fin = 0x80;
    private const byte Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA;
    private const ushort NormalClosure = 1000;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private byte[] _buffer = CopyInto(new byte[Math.Max(16 * 1024, received.Length)], received.Span);
    private int _start;
    private int _end = received.Length;
    private bool _closeSent;

    public async ValueTask<CliFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var inMessage = false;
        while (true)
        {
            if (!await FillAsync(2, cancellationToken))
            {
                return inMessage ? throw new CliProtocolException("The connection ended inside a message.") : null;
            }

            var first = _buffer[_start];
            var second = _buffer[_start + 1];
            if ((first & 0x70) != 0 || (second & 0x80) != 0)
            {
                throw new CliProtocolException("The server sent a frame with reserved bits or a mask.");
            }

            var opcode = (byte)(first & 0x0F);
            var headerLength = 2 + (second & 0x7F) switch { 126 => 2, 127 => 8, _ => 0 };
            if (!await FillAsync(headerLength, cancellationToken))
            {
                throw new CliProtocolException("The connection ended inside a frame header.");
            }

            var length = (second & 0x7F) switch
            {
                126 => BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 2)),
                127 => BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_start + 2)),
                var small => (ulong)small,
            };
            var isControl = opcode >= Close;
            if (isControl ? length > 125 || (first & Fin) == 0 : (ulong)message.Length + length > (ulong)maxMessage)
            {
                throw new CliProtocolException(isControl ? "The server sent a malformed control frame." : $"A message is longer than {maxMessage} bytes.");
            }

            _start += headerLength;
            var payload = await ReadPayloadAsync((int)length, cancellationToken);
            switch (opcode)
            {
                case Ping:
                    await SendAsync(Pong, payload, cancellationToken);
                    continue;
                case Pong:
                    continue;
                case Close:
                    if (inMessage)
                    {
                        throw new CliProtocolException("The connection closed inside a message.");
                    }

                    await SendCloseAsync(cancellationToken);
                    return null;
                case Text:
                    throw new CliProtocolException("Text messages are not part of the CLI protocol.");
                case Binary when !inMessage:
                case Continuation when inMessage:
                    message.Write(payload);
                    if ((first & Fin) != 0)
                    {
                        return CliFrameCodec.FromMessage(message.ToArray());
                    }

                    inMessage = true;
                    continue;
                default:
                    throw new CliProtocolException($"The server sent an unexpected frame (opcode {opcode}).");
            }
        }
    }

    public ValueTask WriteAsync(CliFrame frame, CancellationToken cancellationToken) =>
        SendAsync(Binary, CliFrameCodec.ToMessage(frame), cancellationToken);

    /// <summary>Sends close 1000 and reads until the server's close or the end of the stream.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await SendCloseAsync(cancellationToken);
        while (await ReadAsync(cancellationToken) is not null)
        {
            // frames after EXIT mean nothing to the jar either
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>One frame, FIN set, masked (RFC 6455 5.3), written with one call and flushed.</summary>
    internal static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> mask)
    {
        var lengthBytes = payload.Length switch { <= 125 => 0, <= ushort.MaxValue => 2, _ => 8 };
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = (byte)(Fin | opcode);
        frame[1] = (byte)(0x80 | lengthBytes switch { 0 => payload.Length, 2 => 126, _ => 127 });
        if (lengthBytes == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else if (lengthBytes == 8)
        {
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        var maskAt = 2 + lengthBytes;
        mask[..4].CopyTo(frame.AsSpan(maskAt));
        var body = frame.AsSpan(maskAt + 4);
        for (var i = 0; i < payload.Length; i++)
        {
            body[i] = (byte)(payload[i] ^ mask[i & 3]);
        }

        return frame;
    }

    private async ValueTask SendCloseAsync(CancellationToken cancellationToken)
    {
        if (!_closeSent)
        {
            _closeSent = true;
            var status = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(status, NormalClosure);
            await SendAsync(Close, status, cancellationToken);
        }
    }

    private async ValueTask SendAsync(byte opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = Frame(opcode, payload.Span, Guid.NewGuid().ToByteArray()); // bytes 0-3 of a v4 Guid are all random
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(frame, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async ValueTask<byte[]> ReadPayloadAsync(int length, CancellationToken cancellationToken)
    {
        var payload = new byte[length];
        var copied = Math.Min(length, _end - _start);
        _buffer.AsSpan(_start, copied).CopyTo(payload);
        _start += copied;
        if (copied < length)
        {
            try
            {
                await stream.ReadExactlyAsync(payload.AsMemory(copied), cancellationToken);
            }
            catch (EndOfStreamException e)
            {
                throw new CliProtocolException("The connection ended inside a frame.", e);
            }
        }

        return payload;
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes buffered; false on a clean end before any.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_buffer.Length - _start < count)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            (_start, _end) = (0, _end - _start);
        }

        while (_end - _start < count)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return _end == _start ? false : throw new CliProtocolException("The connection ended inside a frame header.");
            }

            _end += read;
        }

        return true;
    }

    private static byte[] CopyInto(byte[] buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer);
        return buffer;
    }
}
