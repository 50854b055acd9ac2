using System.Buffers.Binary;

namespace JenkinsLite.Protocol.Cli;

/// <summary>
/// The two shapes a frame takes on the wire (cli.md 2.1): <c>-http</c> bodies carry an int32 big-endian
/// payload length, the op byte and the payload; a WebSocket binary message is the op byte and the payload.
/// </summary>
public static class CliFrameCodec
{
    /// <summary>Length prefix plus op byte.</summary>
    public const int HeaderLength = 5;

    /// <summary>Op values from 128 up are a fatal stream error in Jenkins.</summary>
    public const int FirstInvalidOp = 128;

    public static byte[] ToLengthPrefixed(CliFrame frame)
    {
        var bytes = new byte[HeaderLength + frame.Payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, frame.Payload.Length);
        bytes[4] = (byte)frame.Op;
        frame.Payload.Span.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    public static byte[] ToMessage(CliFrame frame)
    {
        var bytes = new byte[1 + frame.Payload.Length];
        bytes[0] = (byte)frame.Op;
        frame.Payload.Span.CopyTo(bytes.AsSpan(1));
        return bytes;
    }

    /// <summary>A whole WebSocket message as a frame; an empty message or an op ≥ 128 is a protocol error.</summary>
    public static CliFrame FromMessage(ReadOnlyMemory<byte> message)
    {
        if (message.IsEmpty)
        {
            throw new CliProtocolException("An empty message carries no op.");
        }

        return new CliFrame(CheckedOp(message.Span[0]), message[1..]);
    }

    /// <summary>
    /// Reads the header of a length-prefixed frame; a negative length, one above <paramref name="maxPayload"/>
    /// or an op ≥ 128 is a protocol error.
    /// </summary>
    public static (int Length, CliOp Op) ReadHeader(ReadOnlySpan<byte> header, int maxPayload)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < 0)
        {
            throw new CliProtocolException($"A frame announces a negative length ({length}).");
        }

        if (length > maxPayload)
        {
            throw new CliProtocolException($"A frame announces {length} bytes; at most {maxPayload} are accepted.");
        }

        return (length, CheckedOp(header[4]));
    }

    private static CliOp CheckedOp(byte op) => op < FirstInvalidOp
        ? (CliOp)op
        : throw new CliProtocolException($"Op {op} is not a valid op code.");
}
