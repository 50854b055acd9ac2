using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace JenkinsLite.Cli.Transport;

/// <summary>
/// The client side of the RFC 6455 opening handshake, with the request ClientWebSocket sent (cli.md 4.1).
/// It is ours so that a <c>ws://</c> run never loads OpenSSL: ClientWebSocket checks Sec-WebSocket-Accept
/// with the platform SHA-1, which on Linux is OpenSSL, and loading it cost more than the rest of the
/// handshake (issue 13). The SHA-1 here is BouncyCastle's managed one.
/// </summary>
internal static class WebSocketHandshake
{
    /// <summary>RFC 6455 section 1.3: appended to the key before hashing.</summary>
    public const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>A longer response head is not a WebSocket server's.</summary>
    public const int MaxHead = 64 * 1024;

    private const int FirstRead = 4096;

    private static ReadOnlySpan<byte> BlankLine => "\r\n\r\n"u8;

    /// <summary>A TCP connection to the endpoint's host and port, in TLS for <c>wss</c>.</summary>
    public static async Task<Stream> OpenAsync(Uri endpoint, bool noCertificateCheck, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(endpoint.IdnHost, endpoint.Port), cancellationToken);
            stream = new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (endpoint.Scheme != Uri.UriSchemeWss)
        {
            return stream;
        }

        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            var authentication = new SslClientAuthenticationOptions { TargetHost = endpoint.IdnHost };
            if (noCertificateCheck)
            {
                #pragma warning disable CA5359 // the user asked for it with -noCertificateCheck
                authentication.RemoteCertificateValidationCallback = NoCertificateCheck.AcceptAny;
                #pragma warning restore CA5359
            }

            await tls.AuthenticateAsClientAsync(authentication, cancellationToken);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends the upgrade request and reads the response head. A 101 is checked (RFC 6455 4.1: Upgrade,
    /// Connection, Sec-WebSocket-Accept, nothing we did not ask for) and a bad one throws; any other
    /// status is returned for the caller to report.
    /// </summary>
    public static async Task<HandshakeResponse> UpgradeAsync(Stream stream, Uri endpoint, string origin, string? authorization, CancellationToken cancellationToken)
    {
        // As ClientWebSocket makes it: a v4 Guid is 122 bits from the OS's secure generator, while
        // RandomNumberGenerator is OpenSSL's on Linux and would load it.
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        await stream.WriteAsync(Request(endpoint, origin, authorization, key), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        var response = await ReadResponseAsync(stream, cancellationToken);
        if (response.Status == 101)
        {
            Verify(response, key);
        }

        return response;
    }

    /// <summary>The request head, headers in the order ClientWebSocket wrote them.</summary>
    public static byte[] Request(Uri endpoint, string origin, string? authorization, string key)
    {
        var host = endpoint.HostNameType == UriHostNameType.IPv6 ? $"[{endpoint.IdnHost}]" : endpoint.IdnHost;
        var text = new StringBuilder()
            .Append("GET ").Append(endpoint.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(host).Append(endpoint.IsDefaultPort ? "" : $":{endpoint.Port}").Append("\r\n")
            .Append("Origin: ").Append(origin).Append("\r\n");
        if (authorization is not null)
        {
            text.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        text.Append("Connection: Upgrade\r\n")
            .Append("Upgrade: websocket\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n\r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    /// <summary>base64(SHA-1(key + GUID)), the value a server must send back as Sec-WebSocket-Accept.</summary>
    public static string Accept(string key)
    {
        var input = Encoding.ASCII.GetBytes(key + AcceptGuid);
        var sha1 = new Sha1Digest();
        sha1.BlockUpdate(input, 0, input.Length);
        var hash = new byte[sha1.GetDigestSize()];
        sha1.DoFinal(hash, 0);
        return Convert.ToBase64String(hash);
    }

    /// <summary>Reads up to the blank line in chunks (a read per byte would cost a system call each).</summary>
    public static async Task<HandshakeResponse> ReadResponseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[FirstRead];
        var filled = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, filled).IndexOf(BlankLine);
            if (end >= 0)
            {
                return Parse(buffer.AsSpan(0, end), buffer.AsMemory(end + BlankLine.Length, filled - end - BlankLine.Length));
            }

            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxHead)
                {
                    throw new CliTransportException($"The server's answer to the WebSocket upgrade has a head longer than {MaxHead} bytes.");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                throw new CliTransportException("The server closed the connection during the WebSocket handshake.");
            }

            filled += read;
        }
    }

    private static HandshakeResponse Parse(ReadOnlySpan<byte> head, ReadOnlyMemory<byte> leftover)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal) || status[1].Length != 3
            || !int.TryParse(status[1], System.Globalization.NumberStyles.None, null, out var code))
        {
            throw new CliTransportException($"The server's answer to the WebSocket upgrade is not HTTP: {lines[0]}");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue; // not a header line; the status is what matters
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim(' ', '\t');
            var seen = headers.FindIndex(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
            if (seen < 0)
            {
                headers.Add(new(name, value));
            }
            else
            {
                headers[seen] = new(headers[seen].Key, headers[seen].Value + "," + value); // as ClientWebSocket listed them
            }
        }

        return new HandshakeResponse(code, headers, leftover);
    }

    private static void Verify(HandshakeResponse response, string key)
    {
        if (!string.Equals(response.Header("Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliTransportException("The server answered the WebSocket upgrade with 101 but without \"Upgrade: websocket\".");
        }

        if (response.Header("Connection") is not { } connection
            || !connection.Split(',').Any(token => token.Trim().Equals("Upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            throw new CliTransportException("The server answered the WebSocket upgrade with 101 but without \"Connection: Upgrade\".");
        }

        if (response.Header("Sec-WebSocket-Accept") != Accept(key))
        {
            throw new CliTransportException("The server answered the WebSocket upgrade with a wrong or missing Sec-WebSocket-Accept.");
        }

        if (response.Header("Sec-WebSocket-Extensions") is not null || response.Header("Sec-WebSocket-Protocol") is not null)
        {
            throw new CliTransportException("The server answered the WebSocket upgrade with an extension or subprotocol the client did not ask for.");
        }
    }
}
