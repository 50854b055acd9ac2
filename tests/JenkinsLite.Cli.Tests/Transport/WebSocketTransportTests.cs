using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Tests.Transport;

/// <summary>The client against a one-shot socket on loopback that answers the upgrade with fixed bytes.</summary>
internal sealed class WebSocketTransportTests
{
    private const string Switching = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n";

    [Test]
    public async Task Run_FramesSentWithThe101_AreReadAsTheSession()
    {
        // Arrange: STDOUT and EXIT in the same write as the response head
        var frames = Message(CliFrame.Stdout("hi\n"u8.ToArray())).Concat(Message(CliFrame.Exit(3))).ToArray();

        // Act
        var (run, request) = await RunAgainstAsync(key => [.. Encoding.Latin1.GetBytes($"{Switching}Sec-WebSocket-Accept: {Accept(key)}\r\n\r\n"), .. frames]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(3), run.Err);
            Assert.That(run.Out, Is.EqualTo("hi\n"));
            Assert.That(request, Does.StartWith("GET /cli/ws HTTP/1.1\r\nHost: 127.0.0.1:"));
        });
    }

    [TestCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", "Sec-WebSocket-Accept")]
    [TestCase("", "Sec-WebSocket-Accept")]
    public async Task Run_101WithAWrongAccept_IsATransportError(string acceptLine, string named)
    {
        var (run, _) = await RunAgainstAsync(_ => Encoding.Latin1.GetBytes($"{Switching}{acceptLine}\r\n"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(ClientExit.Failure));
            Assert.That(run.Err, Does.Contain(named));
        });
    }

    [Test]
    public async Task Run_101WithoutUpgrade_IsATransportError()
    {
        var (run, _) = await RunAgainstAsync(key => Encoding.Latin1.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {Accept(key)}\r\n\r\n"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(ClientExit.Failure));
            Assert.That(run.Err, Does.Contain("Upgrade: websocket"));
        });
    }

    [Test]
    public async Task Run_Refused_PrintsStatusAndHeadersAndExits15()
    {
        var (run, _) = await RunAgainstAsync(_ => "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nX-CLI-Error: Unexpected request origin\r\n\r\n"u8.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(ClientExit.HandshakeFailed));
            Assert.That(run.Err, Is.EqualTo("CLI handshake failed with status code 403\nContent-Length: 0\nX-CLI-Error: Unexpected request origin\n"));
        });
    }

    #pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the accept value; the stub computes it independently of the client
    private static string Accept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
    #pragma warning restore CA5350

    private static byte[] Message(CliFrame frame)
    {
        var message = CliFrameCodec.ToMessage(frame);
        return [0x82, (byte)message.Length, .. message]; // server frames are unmasked; these are short
    }

    private static async Task<(Run Run, string Request)> RunAgainstAsync(Func<string, byte[]> answer)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var server = ServeOnceAsync(listener, answer, limit.Token);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var code = await CliApp.RunAsync(["-s", $"http://127.0.0.1:{port}/", "-webSocket", "who-am-i"], _ => null, new MemoryStream(), stdout, stderr,
            cancellationToken: limit.Token);
        return (new Run(code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray())), await server);
    }

    private static async Task<string> ServeOnceAsync(TcpListener listener, Func<string, byte[]> answer, CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        var key = request.ToString().Split("\r\n").Single(l => l.StartsWith("Sec-WebSocket-Key: ", StringComparison.Ordinal))["Sec-WebSocket-Key: ".Length..];
        await stream.WriteAsync(answer(key), cancellationToken);
        client.Client.Shutdown(SocketShutdown.Send);

        // Drain what the client still sends (frames, its close) until it hangs up.
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        return request.ToString();
    }

    private sealed record Run(int Code, string Out, string Err);
}
