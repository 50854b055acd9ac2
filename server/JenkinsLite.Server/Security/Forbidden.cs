using System.Net;
using System.Text;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Security;

/// <summary>
/// Jenkins' 403: never a 401 challenge for a caller who lacks a permission, with the headers that say who
/// the caller is and what was needed, and for anonymous a page that leads to the sign-in form.
/// </summary>
internal static class Forbidden
{
    /// <summary>What a scoped token is refused when it tries to manage tokens (only full tokens may).</summary>
    public const string ManageTokensPermission = "jenkinslite.ApiToken.Manage";

    public static IResult For(HttpContext context, Permission? permission)
    {
        var caller = context.Caller();
        // The owner holds it, so the token's scope is what refused it.
        if (permission is not null && caller.Scope is not null
            && context.Service<JenkinsInstance>().Security.Authorization.HasPermission(caller.Caller, permission))
        {
            return ByScope(context, permission.Id);
        }

        var headers = context.Response.Headers;
        headers["X-You-Are-Authenticated-As"] = Failure.HeaderText(caller.Name);
        if (permission is not null)
        {
            headers["X-Required-Permission"] = permission.Id;
        }

        var message = permission is null
            ? $"{caller.Name} is not allowed to do this."
            : $"{caller.Name} is missing the {permission.Group}/{permission.Name} permission";
        if (caller.User is null && !string.Equals(context.Request.Headers["X-Requested-With"], "XMLHttpRequest", StringComparison.Ordinal))
        {
            var from = WebUtility.UrlEncode(context.Request.Path + context.Request.QueryString);
            var page = $"""
                <html><head><meta http-equiv="refresh" content="1;url=/login?from={from}"/></head>
                <body><p>Authentication required: {WebUtility.HtmlEncode(message)}</p></body></html>
                """;
            return Results.Text(page, "text/html;charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden);
        }

        return Results.Text(message, "text/plain;charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden);
    }

    /// <summary>A refusal caused only by the API token's scope (token-governance.md section 1).</summary>
    public static IResult ByScope(HttpContext context, string permissionId)
    {
        var caller = context.Caller();
        var headers = context.Response.Headers;
        headers["X-You-Are-Authenticated-As"] = Failure.HeaderText(caller.Name);
        headers["X-Required-Permission"] = permissionId;
        headers[ScopeHeader] = caller.Scope?.Name ?? "full";
        return Results.Text(ScopeMessage(permissionId), "text/plain;charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden);
    }

    public const string ScopeHeader = "X-JenkinsLite-Token-Scope";

    public static string ScopeMessage(string permissionId) => $"This API token's scope does not allow {permissionId}";
}
