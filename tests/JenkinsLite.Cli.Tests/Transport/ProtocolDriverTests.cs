using System.Text;
using JenkinsLite.Cli.Options;
using JenkinsLite.Cli.Transport;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Tests.Transport;

internal sealed class ProtocolDriverTests
{
    [Test]
    public async Task RunAsync_Command_SendsTheJarsFramesInTheJarsOrder()
    {
        // Arrange
        var channel = new RecordingChannel(CliFrame.Exit(0));
        var driver = Driver(["build", "-s", "job1"], Stream.Null, new MemoryStream(), new MemoryStream());

        // Act
        await driver.RunAsync(channel, ping: false, null, CancellationToken.None);

        // Assert
        var wire = channel.Written.SelectMany(CliFrameCodec.ToLengthPrefixed).ToArray();
        var expected = new[] { CliFrame.Arg("build"), CliFrame.Arg("-s"), CliFrame.Arg("job1"), CliFrame.Encoding("UTF-8"), CliFrame.Locale("en"), CliFrame.Start(), CliFrame.EndStdin() }
            .SelectMany(CliFrameCodec.ToLengthPrefixed).ToArray();
        Assert.That(wire, Is.EqualTo(expected));
    }

    [Test]
    public async Task RunAsync_StdinOf130000Bytes_SendsChunksOfAtMost60000ThenEndStdin()
    {
        // Arrange
        var input = new byte[130_000];
        Random.Shared.NextBytes(input);
        var channel = new RecordingChannel(CliFrame.Exit(0));

        // Act
        await Driver(["create-job", "x"], new MemoryStream(input), new MemoryStream(), new MemoryStream()).RunAsync(channel, false, null, CancellationToken.None);

        // Assert
        var stdin = channel.Written.Where(f => f.Op == CliOp.Stdin).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stdin.All(f => f.Payload.Length <= ProtocolDriver.StdinChunk), Is.True);
            Assert.That(stdin.SelectMany(f => f.Payload.ToArray()).ToArray(), Is.EqualTo(input));
            Assert.That(channel.Written[^1].Op, Is.EqualTo(CliOp.EndStdin));
        });
    }

    [Test]
    public async Task RunAsync_ServerFrames_CopiesBytesAndReturnsTheExitCode()
    {
        // Arrange
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var channel = new RecordingChannel(
            CliFrame.Stdout("héllo\n"u8.ToArray()), new CliFrame((CliOp)42, new byte[] { 1 }), CliFrame.Stderr(new byte[] { 0xff, 0x00 }), CliFrame.Exit(4));

        // Act
        var code = await Driver(["x"], Stream.Null, stdout, stderr).RunAsync(channel, false, null, CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(4));
            Assert.That(stdout.ToArray(), Is.EqualTo("héllo\n"u8.ToArray()));
            Assert.That(stderr.ToArray(), Is.EqualTo(new byte[] { 0xff, 0x00 }));
        });
    }

    [Test]
    public void RunAsync_ClosedWithoutExit_IsATransportFailure()
    {
        var channel = new RecordingChannel(CliFrame.Stdout("partial"u8.ToArray()));
        var driver = Driver(["x"], Stream.Null, new MemoryStream(), new MemoryStream());
        Assert.That(async () => await driver.RunAsync(channel, false, null, CancellationToken.None),
            Throws.TypeOf<CliTransportException>().With.Property(nameof(CliTransportException.ExitCode)).EqualTo(255));
    }

    private static ProtocolDriver Driver(string[] command, Stream stdin, Stream stdout, Stream stderr) =>
        new(command, "en", stdin, stdout, stderr, new ClientLog(LogLevel.Off, new StringWriter(new StringBuilder())));
}
