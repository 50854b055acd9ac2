using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using JenkinsLite.Protocol.Cli;
using JenkinsLite.Server.Tests.Cli;

namespace JenkinsLite.Server.Tests.Hostile;

/// <summary>
/// CLI frames that lie about their length or carry strings that are not modified UTF-8 (cli.md 2.1, 2.3), on
/// both transports: the server ends the session at once (no wait for a limit), answers no 500, runs no
/// command, writes nothing, and the next session is served.
/// </summary>
internal sealed class HostileCliFrameTests : HostileFixture
{
    private const int CliSessionLimit = JenkinsLite.Server.Cli.CliSessionRunner.MaxClientPayload;

    // Strings a Java DataInputStream.readUTF refuses: a byte no encoding starts with, a 4-byte UTF-8 sequence
    // (modified UTF-8 writes surrogate pairs), a sequence cut short, a lone continuation byte.
    private static readonly byte[][] NotModifiedUtf8 =
    [
        [0xFF],
        [0xF0, 0x9F, 0x98, 0x80],
        [(byte)'a', 0xC3],
        [0xE0, 0x80],
        [0x80, (byte)'a'],
    ];

    [OneTimeSetUp]
    public Task WarmUpAsync() => WarmUpCliAsync();

    [TestCase(int.MaxValue)]
    [TestCase(-1)]
    [TestCase(CliSessionLimit + 1)]
    public async Task Http_FrameAnnouncesImpossibleLength_ClosedAtOnce(int announced)
    {
        // Act: a header alone, the upload kept open: the server must not wait for the bytes
        var ending = await HttpAsync(Header(announced, CliOp.Arg), endUpload: false);

        // Assert
        Assert.That(ending.ExitCode, Is.Null, "no command ran");
        await AssertCliServesAsync(CliFixture.Http);
    }

    [Test]
    public async Task Http_FrameLongerThanTheUpload_ClosedAtOnce()
    {
        // Act: 100 bytes announced, 10 sent, then the upload ends
        var ending = await HttpAsync([.. Header(100, CliOp.Arg), .. "who-am-i.."u8], endUpload: true);

        // Assert
        Assert.That(ending.ExitCode, Is.Null);
        await AssertCliServesAsync(CliFixture.Http);
    }

    [Test]
    public async Task Http_OpOutsideTheProtocol_ClosedAtOnce()
    {
        // Act
        var ending = await HttpAsync([0, 0, 0, 0, CliFrameCodec.FirstInvalidOp], endUpload: false);

        // Assert
        Assert.That(ending.ExitCode, Is.Null);
        await AssertCliServesAsync(CliFixture.Http);
    }

    [Test]
    public async Task Http_StringLongerThanItsFrame_ClosedWithoutRunning()
    {
        // Act: an ARG whose string announces 80 bytes inside a 4-byte frame, then START
        var ending = await HttpAsync([.. Frame(CliOp.Arg, [0, 80, (byte)'a', (byte)'b']), .. Frame(CliOp.Start, [])], endUpload: false);

        // Assert
        Assert.That(ending.ExitCode, Is.Not.Zero);
        await AssertCliServesAsync(CliFixture.Http);
    }

    [TestCaseSource(nameof(NotModifiedUtf8))]
    public async Task Http_ArgNotModifiedUtf8_ClosedWithoutRunning(byte[] text)
    {
        // Act: create-job with a job name the decoder must refuse, its XML, START and the end of stdin
        var ending = await HttpAsync([.. CreateJobWithName(text).SelectMany(CliFrameCodec.ToLengthPrefixed)], endUpload: false);

        // Assert
        Assert.That(ending.ExitCode, Is.Not.Zero);
        await AssertCliServesAsync(CliFixture.Http);
    }

    [Test]
    public async Task WebSocket_EmptyMessage_ClosedAtOnce()
    {
        // Act
        var ending = await WebSocketAsync(([], WebSocketMessageType.Binary, true));

        // Assert
        Assert.That(ending.ExitCode, Is.Null);
        await AssertCliServesAsync(CliFixture.WebSocket);
    }

    [Test]
    public async Task WebSocket_TextMessage_ClosedAtOnce()
    {
        // Act
        var ending = await WebSocketAsync(("who-am-i"u8.ToArray(), WebSocketMessageType.Text, true));

        // Assert
        Assert.That(ending.ExitCode, Is.Null);
        await AssertCliServesAsync(CliFixture.WebSocket);
    }

    [Test]
    public async Task WebSocket_OpOutsideTheProtocol_ClosedAtOnce()
    {
        // Act
        var ending = await WebSocketAsync(([CliFrameCodec.FirstInvalidOp, 1, 2], WebSocketMessageType.Binary, true));

        // Assert
        Assert.That(ending.ExitCode, Is.Null);
        await AssertCliServesAsync(CliFixture.WebSocket);
    }

    [Test]
    public async Task WebSocket_MessageOverTheLimit_ClosedAtOnce()
    {
        // Act: 2 MiB of STDIN before any START, in one message
        var ending = await WebSocketAsync(([(byte)CliOp.Stdin, .. new byte[2 * CliSessionLimit]], WebSocketMessageType.Binary, true));

        // Assert
        Assert.That(ending.ExitCode, Is.Null);
        await AssertCliServesAsync(CliFixture.WebSocket);
    }

    [Test]
    public async Task WebSocket_StringLongerThanItsMessage_ClosedWithoutRunning()
    {
        // Act
        var ending = await WebSocketAsync(
            ([(byte)CliOp.Arg, 0, 80, (byte)'a'], WebSocketMessageType.Binary, true),
            (CliFrameCodec.ToMessage(CliFrame.Start()), WebSocketMessageType.Binary, true));

        // Assert
        Assert.That(ending.ExitCode, Is.Not.Zero);
        await AssertCliServesAsync(CliFixture.WebSocket);
    }

    [TestCaseSource(nameof(NotModifiedUtf8))]
    public async Task WebSocket_ArgNotModifiedUtf8_ClosedWithoutRunning(byte[] text)
    {
        // Act
        var ending = await WebSocketAsync([.. CreateJobWithName(text).Select(f => (CliFrameCodec.ToMessage(f), WebSocketMessageType.Binary, true))]);

        // Assert
        Assert.That(ending.ExitCode, Is.Not.Zero);
        await AssertCliServesAsync(CliFixture.WebSocket);
    }

    private static byte[] Header(int length, CliOp op)
    {
        var header = new byte[CliFrameCodec.HeaderLength];
        BinaryPrimitives.WriteInt32BigEndian(header, length);
        header[4] = (byte)op;
        return header;
    }

    private static byte[] Frame(CliOp op, byte[] payload) => [.. Header(payload.Length, op), .. payload];

    private static CliFrame[] CreateJobWithName(byte[] name)
    {
        var arg = new byte[2 + name.Length];
        BinaryPrimitives.WriteUInt16BigEndian(arg, (ushort)name.Length);
        name.CopyTo(arg, 2);
        return
        [
            CliFrame.Arg("create-job"), new CliFrame(CliOp.Arg, arg), CliFrame.Encoding("UTF-8"), CliFrame.Locale("en"), CliFrame.Start(),
            CliFrame.Stdin(Encoding.UTF8.GetBytes(FreeStyle)), CliFrame.EndStdin(),
        ];
    }

    private string Authorization => RawCliSession.Basic("admin", Token);

    private Task<RawCliSession.Ending> HttpAsync(byte[] upload, bool endUpload) =>
        RefusedAsync(() => RawCliSession.HttpAsync(Server.BaseUri, Authorization, upload, endUpload));

    private Task<RawCliSession.Ending> WebSocketAsync(params (byte[] Bytes, WebSocketMessageType Type, bool EndOfMessage)[] messages) =>
        RefusedAsync(() => RawCliSession.WebSocketAsync(Server.BaseUri, Authorization, messages));

    private async Task AssertCliServesAsync(string mode)
    {
        var run = await CliRun.RunAsync(["-s", Server.BaseUri.ToString(), mode, "-auth", $"admin:{Token}", "who-am-i"]);
        Assert.That(run.Code, Is.Zero, run.ToString());
        await AssertStillServingAsync();
    }
}
