using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Tests.Protocol;

/// <summary>Our codec against the frames the real jar sent, and the replies it accepted (cli-transcripts.md).</summary>
internal sealed class TranscriptFrameTests
{
    private static IEnumerable<TestCaseData> ClientFrames()
    {
        yield return new TestCaseData(CliFrame.Arg("who-am-i"), "00 00 00 0a 00 00 08 77 68 6f 2d 61 6d 2d 69").SetName("ArgWhoAmI");
        yield return new TestCaseData(CliFrame.Encoding("UTF-8"), "00 00 00 07 02 00 05 55 54 46 2d 38").SetName("EncodingUtf8");
        yield return new TestCaseData(CliFrame.Encoding("US-ASCII"), "00 00 00 0a 02 00 08 55 53 2d 41 53 43 49 49").SetName("EncodingAscii");
        yield return new TestCaseData(CliFrame.Locale("en"), "00 00 00 04 01 00 02 65 6e").SetName("LocaleEn");
        yield return new TestCaseData(CliFrame.Locale("fr_CA"), "00 00 00 07 01 00 05 66 72 5f 43 41").SetName("LocaleFrCa");
        yield return new TestCaseData(CliFrame.Start(), "00 00 00 00 03").SetName("Start");
        yield return new TestCaseData(CliFrame.EndStdin(), "00 00 00 00 06").SetName("EndStdin");
        yield return new TestCaseData(CliFrame.Arg("-s"), "00 00 00 04 00 00 02 2d 73").SetName("ArgDashS");
        yield return new TestCaseData(CliFrame.Arg("P=é😀"), "00 00 00 0c 00 00 0a 50 3d c3 a9 ed a0 bd ed b8 80").SetName("ArgEmoji");
        yield return new TestCaseData(CliFrame.Arg("create-job"), "00 00 00 0c 00 00 0a 63 72 65 61 74 65 2d 6a 6f 62").SetName("ArgCreateJob");
    }

    private static IEnumerable<TestCaseData> ServerFrames()
    {
        yield return new TestCaseData(CliFrame.Stdout("Authenticated as: alice\n"u8.ToArray()),
            "00 00 00 18 07 41 75 74 68 65 6e 74 69 63 61 74 65 64 20 61 73 3a 20 61 6c 69 63 65 0a").SetName("StdoutAuthenticated");
        yield return new TestCaseData(CliFrame.Stdout("Started job1 #1\n"u8.ToArray()),
            "00 00 00 10 07 53 74 61 72 74 65 64 20 6a 6f 62 31 20 23 31 0a").SetName("StdoutStarted");
        yield return new TestCaseData(CliFrame.Stderr("\nERROR: anonymous is missing the Overall/Read permission\n"u8.ToArray()),
            "00 00 00 39 08 0a 45 52 52 4f 52 3a 20 61 6e 6f 6e 79 6d 6f 75 73 20 69 73 20 6d 69 73 73 69 6e 67 20 74 68 65 20 4f 76 65 72 61 6c 6c 2f 52 65 61 64 20 70 65 72 6d 69 73 73 69 6f 6e 0a").SetName("StderrAnonymous");
        yield return new TestCaseData(CliFrame.Exit(0), "00 00 00 04 04 00 00 00 00").SetName("Exit0");
        yield return new TestCaseData(CliFrame.Exit(6), "00 00 00 04 04 00 00 00 06").SetName("Exit6");
    }

    [TestCaseSource(nameof(ClientFrames))]
    [TestCaseSource(nameof(ServerFrames))]
    public void ToLengthPrefixed_TranscriptFrame_GivesTheRecordedBytes(CliFrame frame, string recorded)
    {
        Assert.That(CliFrameCodec.ToLengthPrefixed(frame), Is.EqualTo(Hex.Bytes(recorded)));
    }

    [TestCaseSource(nameof(ClientFrames))]
    [TestCaseSource(nameof(ServerFrames))]
    public async Task ReadAsync_RecordedBytes_GivesTheFrame(CliFrame frame, string recorded)
    {
        // Arrange
        using var channel = new StreamFrameChannel(new MemoryStream(Hex.Bytes(recorded)), Stream.Null, 1 << 20);

        // Act
        var read = await channel.ReadAsync(CancellationToken.None);

        // Assert
        Assert.That(read, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(read!.Value.Op, Is.EqualTo(frame.Op));
            Assert.That(read.Value.Payload.ToArray(), Is.EqualTo(frame.Payload.ToArray()));
        });
    }

    [Test]
    public void ToMessage_WebSocketTranscript_HasNoLengthPrefix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CliFrameCodec.ToMessage(CliFrame.Arg("who-am-i")), Is.EqualTo(Hex.Bytes("00 00 08 77 68 6f 2d 61 6d 2d 69")));
            Assert.That(CliFrameCodec.ToMessage(CliFrame.Start()), Is.EqualTo(Hex.Bytes("03")));
            Assert.That(CliFrameCodec.ToMessage(CliFrame.Exit(0)), Is.EqualTo(Hex.Bytes("04 00 00 00 00")));
            Assert.That(CliFrameCodec.ToMessage(CliFrame.Stdout("Authorities:\n"u8.ToArray())), Is.EqualTo(Hex.Bytes("07 41 75 74 68 6f 72 69 74 69 65 73 3a 0a")));
        });
    }

    [Test]
    public void FromMessage_WebSocketTranscript_GivesTheFrame()
    {
        // Act
        var frame = CliFrameCodec.FromMessage(Hex.Bytes("02 00 05 55 54 46 2d 38"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(frame.Op, Is.EqualTo(CliOp.Encoding));
            Assert.That(frame.ReadString(), Is.EqualTo("UTF-8"));
        });
    }

    [Test]
    public async Task ReadAsync_WholeHttpWhoAmIUpload_GivesTheJarsSequence()
    {
        // Arrange: the upload body of http-whoami with the chunk framing removed
        var body = Hex.Bytes("00 00 00 0a 00 00 08 77 68 6f 2d 61 6d 2d 69 00 00 00 07 02 00 05 55 54 46 2d 38 00 00 00 04 01 00 02 65 6e 00 00 00 00 03 00 00 00 00 06");
        using var channel = new StreamFrameChannel(new OneByteStream(body), Stream.Null, 1 << 20);
        var ops = new List<CliOp>();

        // Act: a reader that gets one byte per read must still see whole frames
        while (await channel.ReadAsync(CancellationToken.None) is { } frame)
        {
            ops.Add(frame.Op);
        }

        // Assert
        Assert.That(ops, Is.EqualTo(new[] { CliOp.Arg, CliOp.Encoding, CliOp.Locale, CliOp.Start, CliOp.EndStdin }));
    }

    [TestCase("ff ff ff ff 00", TestName = "ReadAsync_NegativeLength_Throws")]
    [TestCase("00 00 00 00 80", TestName = "ReadAsync_OpAbove127_Throws")]
    [TestCase("00 00 00 0a 00 00 08 77 68", TestName = "ReadAsync_EndInsideFrame_Throws")]
    [TestCase("00 00 00", TestName = "ReadAsync_EndInsideHeader_Throws")]
    [TestCase("7f ff ff ff 05", TestName = "ReadAsync_HugeLength_ThrowsBeforeAllocating")]
    public void ReadAsync_MalformedStream_ThrowsProtocolException(string hex)
    {
        using var channel = new StreamFrameChannel(new MemoryStream(Hex.Bytes(hex)), Stream.Null, 1 << 20);
        Assert.That(async () => await channel.ReadAsync(CancellationToken.None), Throws.TypeOf<CliProtocolException>());
    }

    [Test]
    public async Task ReadAsync_UnknownOp_IsReturnedForTheCallerToSkip()
    {
        // Arrange: op 9 with two payload bytes, then START
        using var channel = new StreamFrameChannel(new MemoryStream(Hex.Bytes("00 00 00 02 09 aa bb 00 00 00 00 03")), Stream.Null, 1 << 20);

        // Act
        var unknown = await channel.ReadAsync(CancellationToken.None);
        var start = await channel.ReadAsync(CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(unknown!.Value.IsKnownOp, Is.False);
            Assert.That(start!.Value.Op, Is.EqualTo(CliOp.Start));
        });
    }

    [Test]
    public void FromMessage_EmptyOrHighOp_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => CliFrameCodec.FromMessage(ReadOnlyMemory<byte>.Empty), Throws.TypeOf<CliProtocolException>());
            Assert.That(() => CliFrameCodec.FromMessage(new byte[] { 0x80 }), Throws.TypeOf<CliProtocolException>());
        });
    }
}
