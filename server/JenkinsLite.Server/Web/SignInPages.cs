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
            context.Caller().User is null ? Form(context, from, null) : Results.Redirect(Html.LocalPath(from)));

        // Emulates GET /loginError (the form again, with what went wrong)
        app.MapRead("/loginError", (HttpContext context, string? from, string? reason) => Form(context, from, reason switch
        {
            "token" => "That is an API token. API tokens are for scripts and the HTTP API (as the password of HTTP Basic); sign in here with your password.",
            "throttled" => "Too many failed sign-in attempts for this user from your address; try again in a minute.",
            "directory" => CallerMiddleware.DirectoryUnavailableMessage,
            _ => "Invalid username or password.",
        }, StatusCodes.Status401Unauthorized));

        // Emulates POST /j_spring_security_check (success: new session, 302 to "from" if local, else /; failure: 302 to /loginError)
        app.MapPostOnly("/j_spring_security_check", SignInAsync);

        // Emulates GET /logout as a confirmation page (state never changes on GET); POST /logout signs out: 302 to /login
        app.MapRead("/logout", (HttpContext context) => context.Caller().User is null
            ? Results.Redirect("/login")
            : WebPage.Render(context, "Sign out", $"""
                <section class="panel"><h1>Sign out</h1>
                <form method="post" action="/logout">{WebPage.CrumbField(context)}<button type="submit" class="primary">Sign out</button></form></section>
                """));
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

    private static IResult Form(HttpContext context, string? from, string? error, int status = StatusCodes.Status200OK)
    {
        var message = error is null ? string.Empty : $"""<p class="notice error" id="login-error">{Html.E(error)}</p>""";
        return WebPage.Render(context, "Sign in", $"""
            <section class="panel narrow"><h1>Sign in to Jenkins</h1>{message}
            <form method="post" action="/j_spring_security_check" id="login-form">
              {WebPage.CrumbField(context)}
              <input type="hidden" name="from" value="{Html.E(Html.LocalPath(from))}">
              <label for="j_username">Username</label><input type="text" id="j_username" name="j_username" autocomplete="username" autofocus required>
              <label for="j_password">Password</label><input type="password" id="j_password" name="j_password" autocomplete="current-password" required>
              <p><button type="submit" class="primary" name="Submit">Sign in</button></p>
            </form></section>
            """, status);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, SignInRealm realm, SessionStore sessions, AuthFailureThrottle throttle, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("JenkinsLite.Server.Web.SignInPages");
        var userName = (await context.ParamAsync("j_username"))?.Trim() ?? string.Empty;
        var password = await context.ParamAsync("j_password") ?? string.Empty;
        var from = Html.LocalPath(await context.ParamAsync("from"));
        var back = from == "/" ? string.Empty : "&from=" + Uri.EscapeDataString(from);
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(userName, address) is not null)
        {
            return Results.Redirect("/loginError?reason=throttled" + back);
        }

        switch (realm.Authenticate(userName, password, countTokenUse: false))
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
