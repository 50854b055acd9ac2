using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Cli.Tests.Protocol;
using JenkinsLite.Cli.Transport;

namespace JenkinsLite.Cli.Tests.Transport;

internal sealed class WebSocketHandshakeTests
{
    [Test]
    public void Accept_Rfc6455Example_IsTheRfcsValue()
    {
        Assert.That(WebSocketHandshake.Accept("dGhlIHNhbXBsZSBub25jZQ=="), Is.EqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    [Test]
    public void Accept_RandomKeys_MatchesThePlatformSha1()
    {
        for (var i = 0; i < 20; i++)
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            #pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the accept value; the platform's is the reference here
            var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketHandshake.AcceptGuid)));
            #pragma warning restore CA5350
            Assert.That(WebSocketHandshake.Accept(key), Is.EqualTo(expected));
        }
    }

    [Test]
    public void Request_WithAuthorization_IsWhatClientWebSocketSent()
    {
        // Act
        var request = WebSocketHandshake.Request(new Uri("ws://127.0.0.1:18399/cli/ws"), "http://127.0.0.1:18399", "Basic YWRtaW46eA==", "2quggoXHJUa+JNhsM93gNA==");

        // Assert: the bytes ClientWebSocket wrote for the same run, recorded with a listening socket
        Assert.That(Encoding.Latin1.GetString(request), Is.EqualTo(
            "GET /cli/ws HTTP/1.1\r\nHost: 127.0.0.1:18399\r\nOrigin: http://127.0.0.1:18399\r\nAuthorization: Basic YWRtaW46eA==\r\n"
            + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: 2quggoXHJUa+JNhsM93gNA==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
    }

    [TestCase("ws://[::1]/jenkins/cli/ws", "Host: [::1]\r\n", "GET /jenkins/cli/ws HTTP/1.1\r\n")]
    [TestCase("wss://ci.example.com/cli/ws", "Host: ci.example.com\r\n", "GET /cli/ws HTTP/1.1\r\n")]
    [TestCase("wss://ci.example.com:8443/cli/ws", "Host: ci.example.com:8443\r\n", "GET /cli/ws HTTP/1.1\r\n")]
    public void Request_Anonymous_HasHostAndNoAuthorization(string endpoint, string hostLine, string requestLine)
    {
        var request = Encoding.Latin1.GetString(WebSocketHandshake.Request(new Uri(endpoint), "http://x", null, "k"));
        Assert.Multiple(() =>
        {
            Assert.That(request, Does.StartWith(requestLine + hostLine));
            Assert.That(request, Does.Not.Contain("Authorization"));
        });
    }

    [Test]
    public async Task ReadResponseAsync_HeadAndFramesInOneRead_KeepsTheFrameBytes()
    {
        // Arrange
        var head = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: abc\r\n\r\n"u8.ToArray();
        byte[] frames = [0x82, 0x02, 0x07, 0x41, 0x82, 0x05, 0x04, 0, 0, 0, 0];

        // Act
        var response = await WebSocketHandshake.ReadResponseAsync(new MemoryStream([.. head, .. frames]), CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(101));
            Assert.That(response.Header("sec-websocket-accept"), Is.EqualTo("abc"));
            Assert.That(response.Leftover.ToArray(), Is.EqualTo(frames));
        });
    }

    [Test]
    public async Task ReadResponseAsync_LongHeadOneByteAtATime_ReadsItAll()
    {
        // Arrange: a head past the first buffer, split as badly as a network can
        var filler = new string('x', 9000);
        var bytes = Encoding.Latin1.GetBytes($"HTTP/1.1 403 Forbidden\r\nX-Filler: {filler}\r\nX-CLI-Error: no\r\n\r\n");

        // Act
        var response = await WebSocketHandshake.ReadResponseAsync(new OneByteStream(bytes), CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(403));
            Assert.That(response.Header("X-Filler"), Is.EqualTo(filler));
            Assert.That(response.Header("X-CLI-Error"), Is.EqualTo("no"));
            Assert.That(response.Leftover.IsEmpty, Is.True);
        });
    }

    [Test]
    public async Task ReadResponseAsync_RepeatedHeader_ListsItOnceWithValuesJoined()
    {
        // Arrange
        var bytes = "HTTP/1.1 401 Unauthorized\r\nX-A: 1\r\nWWW-Authenticate: Basic realm=\"x\"\r\nx-a:  2 \r\nVary: Accept, Origin\r\n\r\n"u8.ToArray();

        // Act
        var response = await WebSocketHandshake.ReadResponseAsync(new MemoryStream(bytes), CancellationToken.None);

        // Assert: the lines ClientWebSocket printed for the same answer
        Assert.That(response.Headers.Select(h => $"{h.Key}: {h.Value}"), Is.EqualTo(new[] { "X-A: 1,2", "WWW-Authenticate: Basic realm=\"x\"", "Vary: Accept, Origin" }));
    }

    [TestCase("")]
    [TestCase("HTTP/1.1 101 Switching")]
    [TestCase("SSH-2.0-OpenSSH_9.6\r\n\r\n")]
    public void ReadResponseAsync_NotAnHttpHead_IsATransportError(string answer)
    {
        var error = Assert.ThrowsAsync<CliTransportException>(() => WebSocketHandshake.ReadResponseAsync(new MemoryStream(Encoding.Latin1.GetBytes(answer)), CancellationToken.None));
        Assert.That(error!.ExitCode, Is.EqualTo(ClientExit.Failure));
    }
}
