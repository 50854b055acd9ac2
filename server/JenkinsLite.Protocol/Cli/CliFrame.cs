using System.Buffers.Binary;

namespace JenkinsLite.Protocol.Cli;

/// <summary>One frame of the plain CLI protocol: an op and its payload (without the <c>-http</c> length prefix).</summary>
public readonly record struct CliFrame(CliOp Op, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The op codes Jenkins knows (ARG … STDERR); a higher value is skipped by receivers.</summary>
    public bool IsKnownOp => Op <= CliOp.Stderr;

    public static CliFrame Arg(string value) => new(CliOp.Arg, ModifiedUtf8.Encode(value));

    public static CliFrame Locale(string value) => new(CliOp.Locale, ModifiedUtf8.Encode(value));

    public static CliFrame Encoding(string value) => new(CliOp.Encoding, ModifiedUtf8.Encode(value));

    public static CliFrame Start() => new(CliOp.Start, ReadOnlyMemory<byte>.Empty);

    public static CliFrame EndStdin() => new(CliOp.EndStdin, ReadOnlyMemory<byte>.Empty);

    public static CliFrame Stdin(ReadOnlyMemory<byte> bytes) => new(CliOp.Stdin, bytes);

    public static CliFrame Stdout(ReadOnlyMemory<byte> bytes) => new(CliOp.Stdout, bytes);

    public static CliFrame Stderr(ReadOnlyMemory<byte> bytes) => new(CliOp.Stderr, bytes);

    public static CliFrame Exit(int code)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, code);
        return new CliFrame(CliOp.Exit, payload);
    }

    /// <summary>The string of an ARG, LOCALE or ENCODING frame (trailing bytes are ignored, as Jenkins does).</summary>
    public string ReadString() => ModifiedUtf8.Decode(Payload.Span, out _);

    /// <summary>The code of an EXIT frame.</summary>
    public int ReadInt32() => Payload.Length >= 4
        ? BinaryPrimitives.ReadInt32BigEndian(Payload.Span)
        : throw new CliProtocolException($"An {Op} frame needs 4 bytes, it has {Payload.Length}.");

    public override string ToString() => $"{Op} ({Payload.Length} bytes)";
}
