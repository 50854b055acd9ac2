using System.Net.WebSockets;
using System.Text;
using JenkinsLite.Cli.Options;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Transport;

/// <summary>
/// <c>-webSocket</c> (cli.md 4.1): <c>ws(s)://…/cli/ws</c> with Authorization and an Origin derived from
/// the URL as the jar's Tyrus client sends it; a refused upgrade prints the status and headers, exit 15.
/// </summary>
internal static class WebSocketTransport
{
    public const int MaxServerMessage = 16 * 1024 * 1024;

    public static async Task<int> RunAsync(ClientOptions options, ProtocolDriver driver, TextWriter stderr, ClientLog log, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // the jar sends no pings of its own; it answers the server's
        socket.Options.SetRequestHeader("Origin", options.Url.GetLeftPart(UriPartial.Authority));
        if (options.Authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", options.Authorization);
        }

        if (options.NoCertificateCheck)
        {
            #pragma warning disable CA5359 // the user asked for it with -noCertificateCheck
            socket.Options.RemoteCertificateValidationCallback = NoCertificateCheck.AcceptAny;
            #pragma warning restore CA5359
        }

        var uri = new UriBuilder(new Uri(options.Url, "cli/ws")) { Scheme = options.Url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        log.Fine($"connecting to {uri}");
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            handshake.CancelAfter(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(uri, handshake.Token);
        }
        catch (WebSocketException) when (socket.HttpStatusCode != 0 && (int)socket.HttpStatusCode != 101)
        {
            var text = new StringBuilder($"CLI handshake failed with status code {(int)socket.HttpStatusCode}\n");
            foreach (var (name, values) in socket.HttpResponseHeaders ?? new Dictionary<string, IEnumerable<string>>())
            {
                text.Append(name).Append(": ").Append(string.Join(",", values)).Append('\n');
            }

            await stderr.WriteAsync(text.ToString());
            await stderr.FlushAsync(cancellationToken);
            return ClientExit.HandshakeFailed;
        }

        using var channel = new WebSocketFrameChannel(socket, MaxServerMessage);
        var code = await driver.RunAsync(channel, ping: false, beforeReading: null, cancellationToken);
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            log.Fine($"close: {e.Message}");
        }

        return code;
    }
}
