using System.Net.WebSockets;
using JenkinsLite.Protocol.Cli;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace JenkinsLite.Server.Cli;

/// <summary>
/// Jenkins' CLIAction: the two-POST full-duplex transport of <c>-http</c> and the WebSocket of
/// <c>-webSocket</c>, both carrying the same frames to <see cref="CliSessionRunner"/>. Credentials were
/// checked by <see cref="CallerMiddleware"/> (401 on a bad token); a session without them is anonymous.
/// </summary>
internal static partial class CliEndpoints
{
    private const string DuplexHeader = "Hudson-Duplex";
    private const string ErrorHeader = "X-CLI-Error";

    /// <summary>The one route that accepts WebSocket upgrades.</summary>
    public const string WebSocketPath = "/cli/ws";

    /// <summary>Whether a request is for the CLI's WebSocket (matched as routing matches it).</summary>
    public static bool IsWebSocketPath(HttpRequest request) =>
        request.Path.StartsWithSegments(WebSocketPath, StringComparison.OrdinalIgnoreCase);

    public static void MapCliEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates POST /cli?remoting=false (FullDuplexHttpService: 200 + Hudson-Duplex; without remoting=false: 403)
        app.MapPost("/cli", DuplexAsync);

        // Emulates GET /cli/ws (CLIAction.doWs: 101; bad Origin: 403 + X-CLI-Error)
        app.MapGet(WebSocketPath, WebSocketAsync);
    }

    private static async Task DuplexAsync(HttpContext context, DuplexSessions sessions, CliSessionLimiter limiter,
        CliSessionRunner runner, JenkinsInstance instance, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(CliEndpoints).FullName!);
        if (!string.Equals(context.Request.Query["remoting"], "false", StringComparison.Ordinal))
        {
            await PlainAsync(context, StatusCodes.Status403Forbidden, "The remoting-based CLI protocol is not supported; use -http or -webSocket.");
            return;
        }

        context.Response.Headers[DuplexHeader] = "true";
        if (!Guid.TryParse(context.Request.Headers["Session"], out var id) || string.IsNullOrEmpty(context.Request.Headers["Side"]))
        {
            await PlainAsync(context, StatusCodes.Status500InternalServerError, "The Session and Side headers are required.");
            return;
        }

        var caller = context.Caller();
        if (string.Equals(context.Request.Headers["Side"], "download", StringComparison.Ordinal))
        {
            await DownloadAsync(context, id, caller, sessions, limiter, runner, instance.Options.Cli, logger);
        }
        else
        {
            await UploadAsync(context, id, caller, sessions);
        }
    }

    private static async Task DownloadAsync(HttpContext context, Guid id, RequestCaller caller, DuplexSessions sessions,
        CliSessionLimiter limiter, CliSessionRunner runner, CliTimeouts timeouts, ILogger logger)
    {
        using var slot = limiter.TryEnter(AddressOf(context), timeouts.MaxSessionsPerAddress);
        if (slot is null)
        {
            await PlainAsync(context, StatusCodes.Status429TooManyRequests, "Too many CLI sessions from your address.");
            return;
        }

        if (sessions.Register(id, caller.Name) is not { } session)
        {
            await PlainAsync(context, StatusCodes.Status500InternalServerError, "This Session is already in use.");
            return;
        }

        try
        {
            // Headers and the zero byte must reach the client now: it opens the upload side only after them.
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
            {
                rate.MinDataRate = null;
            }

            context.Response.ContentType = "application/octet-stream";
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(new byte[] { 0 }, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);

            Stream upload;
            try
            {
                upload = await session.Upload.Task.WaitAsync(timeouts.Pairing, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                LogPairingTimeout(logger, caller.Name, timeouts.Pairing.TotalSeconds);
                return;
            }

            using var channel = new StreamFrameChannel(upload, context.Response.Body, CliSessionRunner.MaxClientPayload);
            await runner.RunAsync(channel, caller, timeouts.UploadIdle, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away while we waited
        }
        finally
        {
            sessions.Forget(id, session);
            session.Finished.TrySetResult();
        }
    }

    private static async Task UploadAsync(HttpContext context, Guid id, RequestCaller caller, DuplexSessions sessions)
    {
        // The body idles for seconds and then trickles 12-byte pings: Kestrel's rate and size limits would cut it.
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (sessions.Claim(id) is not { } session)
        {
            await PlainAsync(context, StatusCodes.Status500InternalServerError, "No download side found for this Session.");
            return;
        }

        if (!string.Equals(session.UserName, caller.Name, StringComparison.OrdinalIgnoreCase))
        {
            session.Upload.TrySetCanceled();
            await PlainAsync(context, StatusCodes.Status403Forbidden, "The upload side must authenticate as the download side did.");
            return;
        }

        session.Upload.TrySetResult(context.Request.Body);

        // The download side reads this request's body; it must stay open until the session is over.
        await session.Finished.Task;
    }

    private static async Task WebSocketAsync(HttpContext context, CliSessionLimiter limiter, CliSessionRunner runner,
        JenkinsInstance instance)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.Headers[ErrorHeader] = "This endpoint only serves WebSocket upgrades.";
            await PlainAsync(context, StatusCodes.Status400BadRequest, "This endpoint only serves WebSocket upgrades.");
            return;
        }

        var expected = CliOrigin.Expected(context, instance);
        if (!CliOrigin.Matches(context.Request.Headers.Origin, expected))
        {
            context.Response.Headers[ErrorHeader] = "Unexpected request origin (check your reverse proxy settings)";
            await PlainAsync(context, StatusCodes.Status403Forbidden, "Unexpected request origin (check your reverse proxy settings)");
            return;
        }

        var timeouts = instance.Options.Cli;
        using var slot = limiter.TryEnter(AddressOf(context), timeouts.MaxSessionsPerAddress);
        if (slot is null)
        {
            context.Response.Headers[ErrorHeader] = "Too many CLI sessions from your address.";
            await PlainAsync(context, StatusCodes.Status429TooManyRequests, "Too many CLI sessions from your address.");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = timeouts.WebSocketPing,
            KeepAliveTimeout = timeouts.WebSocketPongTimeout,
        });
        using (var channel = new WebSocketFrameChannel(socket, CliSessionRunner.MaxClientPayload + 1))
        {
            await runner.RunAsync(channel, context.Caller(), uploadIdle: null, context.RequestAborted);
        }

        await CloseAsync(socket);
    }

    private static async Task CloseAsync(WebSocket socket)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            socket.Abort();
        }
    }

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain;charset=utf-8";
        return context.Response.WriteAsync(message);
    }

    [LoggerMessage(EventId = 47, Level = LogLevel.Warning, Message = "HTTP full-duplex channel timeout: no upload side for {User} within {Seconds} s")]
    private static partial void LogPairingTimeout(ILogger logger, string user, double seconds);
}
