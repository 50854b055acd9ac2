using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Security.Ldap;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security.Ldap;

namespace JenkinsLite.Server.Security;

/// <summary>
/// Decides who a request comes from, as Jenkins' BasicHeaderProcessor: a session cookie, or HTTP Basic
/// where the secret is tried as an API token and then as the password. Wrong credentials end the request
/// with 401 on every route; no credentials means anonymous.
/// </summary>
internal sealed partial class CallerMiddleware(
    RequestDelegate next,
    JenkinsInstance instance,
    SignInRealm realm,
    SessionStore sessions,
    AuthFailureThrottle throttle,
    TokenUseWatch tokenUses,
    ILogger<CallerMiddleware> logger)
{
    private const int MaxStackDecoded = 512;

    public const string DirectoryUnavailableMessage =
        "The directory that checks passwords (LDAP) cannot be reached; try again later. API tokens keep working.";

    public const string PasswordChecksBusyMessage =
        "Too many password checks are waiting; try again in a few seconds. API tokens keep working.";

    // The wait a check was just given up after: by then the line ahead of a new one has moved on.
    private readonly string _retryAfterBusy = ((int)Math.Ceiling(instance.Options.PasswordHashMaxWait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    // Not async: a request without credentials, and one whose token is checked at once (nearly all), pass on to the
    // next middleware without a state machine; only a password hash or a directory makes this method wait.
    public Task InvokeAsync(HttpContext context)
    {
        var fromSession = FromSession(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("basic ", StringComparison.OrdinalIgnoreCase))
        {
            context.SetCaller(fromSession);
            return next(context);
        }

        if (ParseBasic(header) is not var (userName, secret))
        {
            return ChallengeAsync(context, "Malformed HTTP Basic Authorization header.");
        }

        // Jenkins: a session of the same user makes the header redundant (and forgoes the token's crumb exemption).
        if (fromSession.User is { } sessionUser && string.Equals(sessionUser.Id, userName, StringComparison.OrdinalIgnoreCase))
        {
            context.SetCaller(fromSession);
            return next(context);
        }

        var address = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(userName, address) is { } wait)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return context.Response.WriteAsync("Too many failed sign-in attempts for this user from your address; try again later.");
        }

        var authentication = realm.AuthenticateAsync(userName, secret, countTokenUse: true, context.RequestAborted);
        var attempt = new Attempt(userName, secret, address, fromSession.SessionId);
        return authentication.IsCompletedSuccessfully
            ? Continue(context, attempt, authentication.Result)
            : ContinueAsync(context, attempt, authentication);
    }

    private async Task ContinueAsync(HttpContext context, Attempt attempt, ValueTask<AuthenticationResult> authentication) =>
        await Continue(context, attempt, await authentication);

    private Task Continue(HttpContext context, Attempt attempt, AuthenticationResult result)
    {
        switch (result)
        {
            case AuthenticationResult.ByToken byToken:
                var scope = byToken.Token.EffectiveScope;
                context.SetCaller(new RequestCaller(Caller.User(byToken.User.Id, byToken.Groups), byToken.User, AuthMethod.Token, null,
                    scope.IsFull ? null : scope));
                tokenUses.Accepted(context, byToken.User, byToken.Token);
                return next(context);
            case AuthenticationResult.ByPassword byPassword:
                context.SetCaller(new RequestCaller(Caller.User(byPassword.User.Id, byPassword.Groups), byPassword.User, AuthMethod.Password, attempt.SessionId));
                return next(context);
            case AuthenticationResult.Failed { Reason: AuthenticationFailure.Busy } failed:
                // Not the caller's mistake either: a flood of passwords is ahead of it. Scripts retry a 503.
                LogRejected(logger, attempt.UserName, failed.Reason);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = _retryAfterBusy;
                context.Response.ContentType = "text/plain;charset=utf-8";
                return context.Response.WriteAsync(PasswordChecksBusyMessage);
            case AuthenticationResult.Failed { Reason: AuthenticationFailure.DirectoryUnavailable } failed:
                // Not the caller's mistake: no throttling, and a message that says what to do.
                LogRejected(logger, attempt.UserName, failed.Reason);
                return ChallengeAsync(context, DirectoryUnavailableMessage);
            case AuthenticationResult.Failed failed:
                throttle.RecordFailure(attempt.UserName, attempt.Address);
                tokenUses.Refused(context, attempt.UserName, attempt.Secret);
                LogRejected(logger, attempt.UserName, failed.Reason);
                return ChallengeAsync(context, failed.Reason == AuthenticationFailure.TokenExpired
                    ? $"The API token used for user {attempt.UserName} has expired."
                    : $"Invalid password/token for user: {attempt.UserName}");
            default:
                return next(context);
        }
    }

    private RequestCaller FromSession(HttpContext context)
    {
        // Most API requests carry no cookie: no cookie collection is made for them.
        if (context.Request.Headers.Cookie.Count == 0
            || !context.Request.Cookies.TryGetValue(sessions.CookieName, out var sessionId) || sessions.Find(sessionId) is not { } session)
        {
            return RequestCaller.Anonymous;
        }

        if (session.UserId is null)
        {
            return RequestCaller.Anonymous with { SessionId = sessionId };
        }

        // A deleted user or a changed password ends the session at once.
        var user = instance.Users.Find(session.UserId);
        if (user is null || user.PasswordHash != session.PasswordHash)
        {
            sessions.Close(sessionId);
            return RequestCaller.Anonymous;
        }

        // A user the realm no longer knows loses the session; while the directory cannot say, the session waits.
        switch (realm.Check(user))
        {
            case DirectoryAnswer.Found found:
                return new RequestCaller(Caller.User(user.Id, found.User.Groups), user, AuthMethod.Session, sessionId);
            case DirectoryAnswer.NoSuchUser:
                sessions.Close(sessionId);
                return RequestCaller.Anonymous;
            default:
                return RequestCaller.Anonymous with { SessionId = sessionId };
        }
    }

    /// <summary>User and secret of a <c>Basic</c> header, or null when it is malformed (no colon once decoded).</summary>
    internal static (string User, string Secret)? ParseBasic(string header)
    {
        // Decoded on the stack (a usual header fits) and wiped, so the secret exists once, as the string returned.
        var encoded = header.AsSpan(6).Trim();
        var buffer = encoded.Length <= MaxStackDecoded ? stackalloc byte[MaxStackDecoded] : new byte[encoded.Length];
        try
        {
            // Jenkins: an undecodable header is an empty one, hence "malformed".
            if (!Convert.TryFromBase64Chars(encoded, buffer, out var length))
            {
                return null;
            }

            // ':' is ASCII, so it never sits inside a multi-byte UTF-8 sequence: splitting bytes splits characters.
            var decoded = buffer[..length];
            var colon = decoded.IndexOf((byte)':');
            return colon < 0 ? null : (Encoding.UTF8.GetString(decoded[..colon]), Encoding.UTF8.GetString(decoded[(colon + 1)..]));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static Task ChallengeAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Jenkins\"";
        context.Response.ContentType = "text/plain;charset=utf-8";
        return context.Response.WriteAsync(message);
    }

    /// <summary>A Basic sign-in being checked: what its outcome is handled with.</summary>
    private readonly record struct Attempt(string UserName, string Secret, string? Address, string? SessionId);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected credentials for user {UserName}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string userName, AuthenticationFailure reason);
}
