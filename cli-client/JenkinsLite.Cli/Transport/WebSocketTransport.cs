using System.Text;
using JenkinsLite.Cli.Options;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Transport;

/// <summary>
/// <c>-webSocket</c> (cli.md 4.1): <c>ws(s)://…/cli/ws</c> with Authorization and an Origin derived from
/// the URL as the jar's Tyrus client sends it; a refused upgrade prints the status and headers, exit 15.
/// The handshake and the frames are our own (<see cref="WebSocketHandshake"/>, <see cref="WebSocketClientChannel"/>).
/// </summary>
internal static class WebSocketTransport
{
    public const int MaxServerMessage = 16 * 1024 * 1024;

    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(ClientOptions options, ProtocolDriver driver, TextWriter stderr, ClientLog log, CancellationToken cancellationToken)
    {
        var uri = new UriBuilder(new Uri(options.Url, "cli/ws")) { Scheme = options.Url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        log.Fine($"connecting to {uri}");
        Stream stream;
        HandshakeResponse response;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            handshake.CancelAfter(HandshakeTimeout);
            try
            {
                stream = await WebSocketHandshake.OpenAsync(uri, options.NoCertificateCheck, handshake.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliTransportException($"Could not connect to {uri} within {HandshakeTimeout.TotalSeconds:0} s.");
            }

            try
            {
                response = await WebSocketHandshake.UpgradeAsync(stream, uri, options.Url.GetLeftPart(UriPartial.Authority), options.Authorization, handshake.Token);
            }
            catch (Exception e)
            {
                await stream.DisposeAsync();
                if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    throw new CliTransportException($"The WebSocket handshake with {uri} did not finish within {HandshakeTimeout.TotalSeconds:0} s.");
                }

                throw;
            }
        }

        if (response.Status != 101)
        {
            await stream.DisposeAsync();
            var text = new StringBuilder($"CLI handshake failed with status code {response.Status}\n");
            foreach (var (name, value) in response.Headers)
            {
                text.Append(name).Append(": ").Append(value).Append('\n');
            }

            await stderr.WriteAsync(text.ToString());
            await stderr.FlushAsync(cancellationToken);
            return ClientExit.HandshakeFailed;
        }

        // The jar sends no pings of its own; it answers the server's.
        using var channel = new WebSocketClientChannel(stream, response.Leftover, MaxServerMessage);
        var code = await driver.RunAsync(channel, ping: false, beforeReading: null, cancellationToken);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(1));
            await channel.CloseAsync(limit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or CliProtocolException)
        {
            log.Fine($"close: {e.Message}");
        }

        return code;
    }
}
