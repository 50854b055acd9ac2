using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using JenkinsLite.Cli.Transport;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>
/// CLI sessions opened by hand, to send bytes our client never would: the two sides of <c>/cli</c> over
/// HTTP, or raw messages on <c>/cli/ws</c>; each returns when the server ends the session, with the time it took.
/// </summary>
internal static class RawCliSession
{
    /// <summary>How long the server took to end the session, and the frames it sent.</summary>
    public sealed record Ending(TimeSpan Elapsed, IReadOnlyList<CliFrame> Frames)
    {
        /// <summary>The code of the EXIT frame, or null when the session ended without one.</summary>
        public int? ExitCode => Frames.Where(f => f.Op == CliOp.Exit).Select(f => (int?)f.ReadInt32()).FirstOrDefault();
    }

    /// <summary>
    /// Opens both HTTP sides, writes <paramref name="upload"/> (null: no upload side), ends the upload when
    /// <paramref name="endUpload"/>, and reads the download (handshake byte excluded) until the server ends it.
    /// </summary>
    public static async Task<Ending> HttpAsync(Uri server, string authorization, byte[]? upload, bool endUpload = false)
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        var session = Guid.NewGuid().ToString();
        using var download = Duplex(session, "download", authorization);
        using var downloadResponse = await client.SendAsync(download, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(downloadResponse.Headers.GetValues("Hudson-Duplex").Single(), Is.EqualTo("true"));
        await using var body = await downloadResponse.Content.ReadAsStreamAsync();
        Assert.That(body.ReadByte(), Is.Zero, "the handshake byte");
        var watch = Stopwatch.StartNew();

        var content = new UploadContent();
        Task<HttpResponseMessage>? uploadResponse = null;
        if (upload is not null)
        {
            using var request = Duplex(session, "upload", authorization);
            request.Content = content;
            request.Headers.TransferEncodingChunked = true;
            uploadResponse = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var stream = await content.Stream.WaitAsync(TimeSpan.FromSeconds(5));
            await stream.WriteAsync(upload);
            await stream.FlushAsync();
            if (endUpload)
            {
                content.Finish();
            }
        }

        // The session is over when the download body ends.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var received = new MemoryStream();
        await body.CopyToAsync(received, limit.Token);
        var elapsed = watch.Elapsed;

        content.Finish();
        if (uploadResponse is not null)
        {
            try
            {
                using var done = await uploadResponse.WaitAsync(TimeSpan.FromSeconds(5));
                Assert.That((int)done.StatusCode, Is.LessThan(500), "the upload side");
            }
            catch (HttpRequestException)
            {
                // the server may end the upload request first; either way it is over
            }
        }

        var frames = new List<CliFrame>();
        var bytes = received.ToArray();
        for (var at = 0; at + CliFrameCodec.HeaderLength <= bytes.Length;)
        {
            var (length, op) = CliFrameCodec.ReadHeader(bytes.AsSpan(at, CliFrameCodec.HeaderLength), bytes.Length);
            frames.Add(new CliFrame(op, bytes.AsMemory(at + CliFrameCodec.HeaderLength, length)));
            at += CliFrameCodec.HeaderLength + length;
        }

        return new Ending(elapsed, frames);
    }

    /// <summary>Sends <paramref name="messages"/> on <c>/cli/ws</c> and reads until the server closes or drops the connection.</summary>
    public static async Task<Ending> WebSocketAsync(Uri server, string authorization, params (byte[] Bytes, WebSocketMessageType Type, bool EndOfMessage)[] messages)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", server.GetLeftPart(UriPartial.Authority));
        socket.Options.SetRequestHeader("Authorization", authorization);
        await socket.ConnectAsync(new Uri($"ws://{server.Authority}/cli/ws"), CancellationToken.None);
        var watch = Stopwatch.StartNew();
        try
        {
            foreach (var (bytes, type, end) in messages)
            {
                await socket.SendAsync(bytes, type, end, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // the server may drop a broken session before the last message is sent, as the HTTP twin's upload above
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var frames = new List<CliFrame>();
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, limit.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    frames.Add(CliFrameCodec.FromMessage(message.ToArray()));
                    message.SetLength(0);
                }
            }
        }
        catch (WebSocketException)
        {
            // the server drops a broken session without a close handshake, as Jenkins does
        }

        return new Ending(watch.Elapsed, frames);
    }

    public static HttpRequestMessage Duplex(string session, string side, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "cli?remoting=false");
        request.Headers.Add("Session", session);
        request.Headers.Add("Side", side);
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return request;
    }

    public static string Basic(string user, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}"));
}
