using System.Net;
using System.Net.Http.Headers;
using JenkinsLite.Cli.Options;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Transport;

/// <summary>
/// <c>-http</c> (cli.md 3.1): a GET probe of the base URL (redirects followed), the download POST read as
/// soon as its headers arrive (Hudson-Duplex required, else exit 3), the chunked upload POST on a second
/// connection, then the zero byte and the server's frames.
/// </summary>
internal static class HttpDuplexTransport
{
    public const int MaxServerPayload = 16 * 1024 * 1024;

    public static async Task<int> RunAsync(ClientOptions options, ProtocolDriver driver, ClientLog log, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = true, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(30) };
        if (options.NoCertificateCheck)
        {
            #pragma warning disable CA5359 // the user asked for it with -noCertificateCheck
            handler.SslOptions.RemoteCertificateValidationCallback = NoCertificateCheck.AcceptAny;
            #pragma warning restore CA5359
        }

        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var baseUri = await ProbeAsync(client, options, log, cancellationToken);
        var cliUri = new Uri(baseUri, "cli?remoting=false");
        var session = Guid.NewGuid().ToString();

        using var download = Request(cliUri, options, session, "download");
        download.Content = new ByteArrayContent([]);
        download.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        log.Fine($"POST {cliUri} (download side, Session {session})");
        using var downloadResponse = await client.SendAsync(download, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!downloadResponse.IsSuccessStatusCode)
        {
            throw new CliTransportException($"java.io.IOException: Server returned HTTP response code: {(int)downloadResponse.StatusCode} for URL: {cliUri}");
        }

        if (!downloadResponse.Headers.Contains("Hudson-Duplex"))
        {
            throw new CliTransportException(ClientExit.NoDuplex, $"There's no Jenkins running at {cliUri}, or is not serving the HTTP Duplex transport");
        }

        var body = new UploadContent();
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var upload = Request(cliUri, options, session, "upload");
        upload.Content = body;
        upload.Headers.TransferEncodingChunked = true;
        log.Fine("POST (upload side)");
        var uploadResponse = client.SendAsync(upload, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            var first = await Task.WhenAny(body.Stream, uploadResponse);
            if (first != body.Stream)
            {
                using var early = await uploadResponse;
                throw new CliTransportException($"java.io.IOException: Server returned HTTP response code: {(int)early.StatusCode} for URL: {cliUri}");
            }

            var uploadStream = await body.Stream;
            await using var downloadStream = await downloadResponse.Content.ReadAsStreamAsync(cancellationToken);
            using var channel = new StreamFrameChannel(downloadStream, uploadStream, MaxServerPayload);
            return await driver.RunAsync(channel, ping: true, async ct =>
            {
                var zero = new byte[1];
                if (await downloadStream.ReadAtLeastAsync(zero, 1, throwOnEndOfStream: false, ct) != 1 || zero[0] != 0)
                {
                    throw new CliTransportException("java.io.IOException: expected to see initial zero byte; perhaps you are connecting to an old server which does not support -http so try -remoting");
                }
            }, cancellationToken);
        }
        finally
        {
            body.Finish();
            try
            {
                using var done = await uploadResponse.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
                log.Fine($"upload side answered {(int)done.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException or IOException)
            {
                log.Fine($"upload side ended: {e.Message}");
            }
        }
    }

    /// <summary>The jar GETs the base URL first and continues from wherever redirects lead; any failure is ignored.</summary>
    private static async Task<Uri> ProbeAsync(HttpClient client, ClientOptions options, ClientLog log, CancellationToken cancellationToken)
    {
        try
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, options.Url);
            if (options.Authorization is not null)
            {
                probe.Headers.TryAddWithoutValidation("Authorization", options.Authorization);
            }

            using var response = await client.SendAsync(probe, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.RequestMessage?.RequestUri is { } final && final != options.Url
                && final.AbsolutePath.EndsWith('/') && string.IsNullOrEmpty(final.Query))
            {
                log.Fine($"redirected to {final}");
                return final;
            }
        }
        catch (HttpRequestException e)
        {
            log.Fine($"probe of {options.Url} failed: {e.Message}");
        }

        return options.Url;
    }

    private static HttpRequestMessage Request(Uri uri, ClientOptions options, string session, string side)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Add("Session", session);
        request.Headers.Add("Side", side);
        if (options.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", options.Authorization);
        }

        return request;
    }
}
