using System.Text;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Security;

/// <summary>
/// Jenkins' CrumbFilter: a request that changes state needs a crumb bound to its session, unless it was
/// authenticated by an API token in this very request (ApiCrumbExclusion).
/// </summary>
internal sealed class CsrfMiddleware(RequestDelegate next, JenkinsInstance instance, CrumbIssuer crumbs)
{
    public Task InvokeAsync(HttpContext context)
    {
        var caller = context.Caller();
        return SafeMethods.IsSafe(context.Request.Method)
            || !instance.Security.CrumbsRequired
            || caller.Method == AuthMethod.Token
            || IsCliEndpoint(context)
                ? next(context) // most requests: no state machine for a check that needs no waiting
                : CheckCrumbAsync(context, caller);
    }

    private async Task CheckCrumbAsync(HttpContext context, RequestCaller caller)
    {
        if (await crumbs.IsValidAsync(context, caller))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain;charset=utf-8";
        await context.Response.WriteAsync("No valid crumb was included in the request", Encoding.UTF8);
    }

    // Jenkins' CliCrumbExclusion: the CLI transports (POST /cli) carry no crumb; each command checks permissions.
    private static bool IsCliEndpoint(HttpContext context) =>
        string.Equals(context.Request.Path.Value, "/cli", StringComparison.Ordinal);
}
