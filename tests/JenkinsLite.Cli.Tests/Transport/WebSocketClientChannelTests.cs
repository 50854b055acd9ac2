using JenkinsLite.Cli.Tests.Protocol;
using JenkinsLite.Cli.Transport;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Tests.Transport;

internal sealed class WebSocketClientChannelTests
{
    private static readonly byte[] Mask = [0x37, 0xfa, 0x21, 0x3d];

    [Test]
    public void Frame_Rfc6455MaskedHello_IsTheRfcsBytes()
    {
        // RFC 6455 5.7: "A single-frame masked text message" (opcode 1, mask 37 fa 21 3d)
        var frame = WebSocketClientChannel.Frame(0x1, "Hello"u8, Mask);
        Assert.That(frame, Is.EqualTo(new byte[] { 0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58 }));
    }

    [TestCase(125, 2)]
    [TestCase(126, 4)]
    [TestCase(65535, 4)]
    [TestCase(65536, 10)]
    public void Frame_PayloadLength_UsesTheShortestLengthForm(int length, int lengthEnd)
    {
        // Arrange
        var payload = new byte[length];
        Random.Shared.NextBytes(payload);

        // Act
        var frame = WebSocketClientChannel.Frame(0x2, payload, Mask);

        // Assert: the length field, then the payload unmasked again
        var unmasked = frame.AsSpan(lengthEnd + 4).ToArray().Select((b, i) => (byte)(b ^ Mask[i % 4])).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(frame, Has.Length.EqualTo(lengthEnd + 4 + length));
            Assert.That(frame[1] & 0x7F, Is.EqualTo(length <= 125 ? length : length <= 65535 ? 126 : 127));
            Assert.That(unmasked, Is.EqualTo(payload));
        });
    }

    [Test]
    public async Task ReadAsync_FragmentedMessageAroundAPing_JoinsItAndAnswersThePing()
    {
        // Arrange: STDOUT "abc" in two fragments with a ping between them, then EXIT; one byte per read
        byte[] input = [0x02, 0x02, 0x07, 0x61, 0x89, 0x01, 0x2a, 0x80, 0x02, 0x62, 0x63, 0x82, 0x05, 0x04, 0, 0, 0, 9];
        var wire = new RecordingStream(new OneByteStream(input));
        using var channel = new WebSocketClientChannel(wire, ReadOnlyMemory<byte>.Empty, 1024);

        // Act
        var stdout = await channel.ReadAsync(CancellationToken.None);
        var exit = await channel.ReadAsync(CancellationToken.None);
        var end = await channel.ReadAsync(CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stdout!.Value.Op, Is.EqualTo(CliOp.Stdout));
            Assert.That(stdout!.Value.Payload.ToArray(), Is.EqualTo("abc"u8.ToArray()));
            Assert.That(exit!.Value.ReadInt32(), Is.EqualTo(9));
            Assert.That(end, Is.Null);
            Assert.That(Unmask(wire.Written), Is.EqualTo(new byte[] { 0x8A, 0x81, 0x2a }), "a masked pong with the ping's payload");
        });
    }

    [Test]
    public async Task ReadAsync_LeftoverFromTheHandshake_IsReadFirst()
    {
        // Arrange: EXIT split between the handshake's leftover and the stream
        using var channel = new WebSocketClientChannel(new MemoryStream([0, 0, 0, 4]), new byte[] { 0x82, 0x05, 0x04 }, 1024);

        // Act
        var exit = await channel.ReadAsync(CancellationToken.None);

        // Assert
        Assert.That(exit!.Value.ReadInt32(), Is.EqualTo(4));
    }

    [Test]
    public async Task CloseAsync_ServerAnswersClose_SendsClose1000Once()
    {
        // Arrange
        var wire = new RecordingStream(new MemoryStream([0x88, 0x02, 0x03, 0xe8]));
        using var channel = new WebSocketClientChannel(wire, ReadOnlyMemory<byte>.Empty, 1024);

        // Act
        await channel.CloseAsync(CancellationToken.None);

        // Assert
        Assert.That(Unmask(wire.Written), Is.EqualTo(new byte[] { 0x88, 0x82, 0x03, 0xe8 }));
    }

    [TestCase(new byte[] { 0x81, 0x01, 0x41 }, "Text messages")]
    [TestCase(new byte[] { 0x82, 0x7e, 0x04, 0x01 }, "longer than 1024")]
    [TestCase(new byte[] { 0x82, 0x81, 0, 0, 0, 0, 0x07 }, "mask")]
    [TestCase(new byte[] { 0x02, 0x01, 0x07 }, "ended inside a message")]
    [TestCase(new byte[] { 0x82, 0x05, 0x04 }, "ended inside a frame")]
    [TestCase(new byte[] { 0x09, 0x00 }, "control frame")]
    public void ReadAsync_Malformed_IsAProtocolError(byte[] input, string message)
    {
        using var channel = new WebSocketClientChannel(new MemoryStream(input), ReadOnlyMemory<byte>.Empty, 1024);
        var error = Assert.ThrowsAsync<CliProtocolException>(async () => await channel.ReadAsync(CancellationToken.None));
        Assert.That(error!.Message, Does.Contain(message));
    }

    /// <summary>Client frames with their masks taken off: header bytes as sent, payload in the clear, no mask bytes.</summary>
    private static byte[] Unmask(byte[] written)
    {
        var result = new List<byte>();
        for (var at = 0; at < written.Length;)
        {
            var length = written[at + 1] & 0x7F; // these frames are short
            var mask = written.AsSpan(at + 2, 4).ToArray();
            result.Add(written[at]);
            result.Add(written[at + 1]);
            result.AddRange(written.Skip(at + 6).Take(length).Select((b, i) => (byte)(b ^ mask[i % 4])));
            at += 6 + length;
        }

        return [.. result];
    }

    /// <summary>Reads from a stream of server bytes and keeps what the client writes.</summary>
    private sealed class RecordingStream(Stream input) : MemoryStream
    {
        public byte[] Written => ToArray();

        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => input.ReadAsync(buffer, cancellationToken);
    }
}
