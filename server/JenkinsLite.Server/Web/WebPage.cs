using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Renders a page component (each has <see cref="Shared.Layout"/> as its frame) with the security headers of
/// security.md 2.6. Razor encodes every value a page shows.
/// </summary>
internal static class WebPage
{
    /// <summary>Scripts and styles only from this server, no framing, forms post only here.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Render<TPage>(HttpContext context, object? parameters = null, int status = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        SetHeaders(context);
        return new RazorComponentResult<TPage>(parameters ?? new { })
        {
            StatusCode = status,
            ContentType = "text/html;charset=utf-8",
        };
    }

    public static void SetHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "deny";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }
}
