using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// The crumb a page puts in its forms, bound to the browser's session as the crumb issuer binds it. A
/// visitor without a session (the sign-in form) gets an anonymous one first, so even signing in needs a
/// crumb (security.md SEC-34).
/// </summary>
internal static class PageCrumb
{
    private const string ItemKey = "jenkinslite.page-crumb";

    public static string For(HttpContext context)
    {
        if (context.Items[ItemKey] is string cached)
        {
            return cached;
        }

        var caller = context.Caller();
        var sessionId = caller.SessionId;
        if (caller.Method != AuthMethod.Token && sessionId is null)
        {
            var sessions = context.Service<SessionStore>();
            sessionId = sessions.Open(caller.User?.Id, caller.User?.PasswordHash);
            sessions.WriteCookie(context, sessionId);
        }

        var crumb = context.Service<CrumbIssuer>()
            .CrumbFor(caller, caller.Method == AuthMethod.Token ? null : sessionId);
        context.Items[ItemKey] = crumb;
        return crumb;
    }
}
