using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.ApiTokens.Audit;

/// <summary>
/// The request on whose behalf the audit trail records a change: its caller, address and agent. Only requests that can
/// change anything are followed: every method but the safe ones (<see cref="SafeMethods"/>), and the CLI's WebSocket,
/// whose commands run inside its GET. ASP.NET Core's <c>IHttpContextAccessor</c> did this for every request and,
/// while it is registered, the server makes new request objects for each request instead of reusing them (about 460
/// bytes and 3 % of the CPU of a token <c>whoAmI</c>).
/// </summary>
internal static class ChangingRequest
{
    private static readonly AsyncLocal<Holder?> Current = new();

    /// <summary>The request this code runs for, when it is one that can change state and has not ended.</summary>
    public static HttpContext? Context => Current.Value?.Context;

    public static IApplicationBuilder UseChangingRequests(this IApplicationBuilder app) =>
        app.Use((context, next) => CanChange(context.Request) ? FollowAsync(context, next) : next(context));

    private static bool CanChange(HttpRequest request) =>
        !SafeMethods.IsSafe(request.Method) || CliEndpoints.IsWebSocketPath(request);

    private static async Task FollowAsync(HttpContext context, RequestDelegate next)
    {
        var holder = new Holder(context);
        Current.Value = holder;
        try
        {
            await next(context);
        }
        finally
        {
            // Work the request started may outlive it: it must not see the request objects once the server reuses them.
            holder.Context = null;
        }
    }

    private sealed class Holder(HttpContext context)
    {
        public HttpContext? Context { get; set; } = context;
    }
}
