using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security.Ldap;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Jenkins' sign-in form and sign-out. The form posts <c>j_username</c>/<c>j_password</c> to
/// <c>/j_spring_security_check</c> as Jenkins' does, so scripts that sign in that way keep working; like
/// every form it carries a crumb. An API token is refused there: tokens are for scripts.
/// </summary>
internal static partial class SignInPages
{
    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        // Emulates GET /login (the sign-in form; a signed-in caller goes on to "from")
        app.MapRead("/login", (HttpContext context, string? from) =>
            context.Caller().User is null ? Form(context, from, null) : Results.Redirect(LocalPath(from)));

        // Emulates GET /loginError (the form again, with what went wrong)
        app.MapRead("/loginError", (HttpContext context, string? from, string? reason) => Form(context, from, reason switch
        {
            "token" => "That is an API token. API tokens are for scripts and the HTTP API (as the password of HTTP Basic); sign in here with your password.",
            "throttled" => "Too many failed sign-in attempts for this user from your address; try again in a minute.",
            "directory" => CallerMiddleware.DirectoryUnavailableMessage,
            "busy" => CallerMiddleware.PasswordChecksBusyMessage,
            _ => "Invalid username or password.",
        }, reason == "busy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized));

        // Emulates POST /j_spring_security_check (success: new session, 302 to "from" if local, else /; failure: 302 to /loginError)
        app.MapPostOnly("/j_spring_security_check", SignInAsync);

        // Emulates GET /logout as a confirmation page (state never changes on GET); POST /logout signs out: 302 to /login
        app.MapRead("/logout", (HttpContext context) => context.Caller().User is null
            ? Results.Redirect("/login")
            : WebPage.Render<SignOutPage>(context));
        app.MapPostOnly("/logout", (HttpContext context, SessionStore sessions) =>
        {
            if (context.Caller().SessionId is { } sessionId)
            {
                sessions.Close(sessionId);
            }

            context.Response.Cookies.Delete(sessions.CookieName, new CookieOptions { Path = "/" });
            return Results.Redirect("/login");
        });
    }

    private static IResult Form(HttpContext context, string? from, string? error, int status = StatusCodes.Status200OK) =>
        WebPage.Render<SignInPage>(context, new { From = LocalPath(from), Error = error }, status);

    /// <summary>A local path to return to after signing in; anything else (another host, "//x", "/\x") is "/".</summary>
    public static string LocalPath(string? from) =>
        from is { Length: > 0 } f && f[0] == '/' && (f.Length == 1 || (f[1] != '/' && f[1] != '\\')) && !f.Any(char.IsControl)
            ? f
            : "/";

    private static async Task<IResult> SignInAsync(HttpContext context, SignInRealm realm, SessionStore sessions, AuthFailureThrottle throttle, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("JenkinsLite.Server.Web.SignInPages");
        var userName = (await context.ParamAsync("j_username"))?.Trim() ?? string.Empty;
        var password = await context.ParamAsync("j_password") ?? string.Empty;
        var from = LocalPath(await context.ParamAsync("from"));
        var back = from == "/" ? string.Empty : "&from=" + Uri.EscapeDataString(from);
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(userName, address) is not null)
        {
            return Results.Redirect("/loginError?reason=throttled" + back);
        }

        switch (await realm.AuthenticateAsync(userName, password, countTokenUse: false, context.RequestAborted))
        {
            case AuthenticationResult.ByPassword signedIn:
                // A new session id at sign-in (no session fixation); the anonymous one ends.
                if (context.Caller().SessionId is { } previous)
                {
                    sessions.Close(previous);
                }

                sessions.WriteCookie(context, sessions.Open(signedIn.User.Id, signedIn.User.PasswordHash));
                throttle.Reset(userName, address);
                LogSignedIn(logger, signedIn.User.Id);
                return Results.Redirect(from);
            case AuthenticationResult.ByToken byToken:
                LogTokenOnForm(logger, byToken.User.Id);
                return Results.Redirect("/loginError?reason=token" + back);
            case AuthenticationResult.Failed { Reason: AuthenticationFailure.DirectoryUnavailable }:
                return Results.Redirect("/loginError?reason=directory" + back);
            case AuthenticationResult.Failed { Reason: AuthenticationFailure.Busy }:
                return Results.Redirect("/loginError?reason=busy" + back);
            default:
                throttle.RecordFailure(userName, address);
                return Results.Redirect("/loginError?reason=failed" + back);
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "User {UserId} signed in with the form")]
    private static partial void LogSignedIn(ILogger logger, string userId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Refused an API token of user {UserId} on the sign-in form")]
    private static partial void LogTokenOnForm(ILogger logger, string userId);
}
