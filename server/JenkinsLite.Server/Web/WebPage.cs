using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// The frame every page shares: the header with the signed-in user and a sign-out button, Jenkins' notice
/// while it quiets down, one stylesheet
/// and one script served as static files (the Content-Security-Policy allows no inline script or style),
/// and the security headers of security.md 2.6.
/// </summary>
internal static class WebPage
{
    /// <summary>Scripts and styles only from this server, no framing, forms post only here.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Render(HttpContext context, string title, string body, int status = StatusCodes.Status200OK)
    {
        var caller = context.Caller();
        var crumb = PageCrumb.For(context);
        var user = caller.User is { } u
            ? $"""
              <a class="me" href="/user/{Html.Segment(u.Id)}/security/">{Html.E(u.FullName)}</a>
              {(context.Has(Permission.Administer) ? """<a href="/manage/">Manage</a>""" : string.Empty)}
              <form method="post" action="/logout" class="inline"><input type="hidden" name="{CrumbIssuer.Field}" value="{Html.E(crumb)}"><button type="submit" class="link">Sign out</button></form>
              """
            : """<a href="/login">Sign in</a>""";
        var quietDown = context.RequestServices.GetService<QuietDown>();
        var shuttingDown = quietDown is { IsQuietingDown: true }
            ? $"""<p class="notice warning" role="status">Jenkins is going to shut down{(quietDown.Reason is { } reason ? ": " + Html.E(reason) : string.Empty)}</p>"""
            : string.Empty;
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.E(title)} [Jenkins]</title>
            <link rel="stylesheet" href="{StaticAssets.CssUrl}"><script src="{StaticAssets.ScriptUrl}" defer></script></head>
            <body><header><a class="brand" href="/">JenkinsLite</a><nav>{user}</nav></header>
            <main>{shuttingDown}{TokenGovernancePages.Banner(context)}{body}</main></body></html>
            """;
        SetHeaders(context);
        return Results.Text(html, "text/html;charset=utf-8", Encoding.UTF8, status);
    }

    public static void SetHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "deny";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }

    /// <summary>A hidden crumb field for a form of this page.</summary>
    public static string CrumbField(HttpContext context) =>
        $"""<input type="hidden" name="{CrumbIssuer.Field}" value="{Html.E(PageCrumb.For(context))}">""";
}
