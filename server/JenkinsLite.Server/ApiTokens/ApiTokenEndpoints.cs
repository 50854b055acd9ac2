using System.Globalization;
using System.Text;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.ApiTokens.Policy;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.ApiTokens;

/// <summary>
/// Jenkins' ApiTokenProperty descriptor actions under
/// <c>/user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/</c> (and <c>/me/...</c>), with Jenkins'
/// parameters, JSON envelope and permission rules (api-tokens.md 1.9 and 2).
/// </summary>
internal static class ApiTokenEndpoints
{
    private const string Descriptor = "descriptorByName/jenkins.security.ApiTokenProperty";
    private const string BlankUuid = "The tokenUuid cannot be empty";

    private static readonly Dictionary<string, Func<HttpContext, User, Task<IResult>>> Actions = new(StringComparer.Ordinal)
    {
        ["generateNewToken"] = GenerateAsync,
        ["addFixedToken"] = AddFixedAsync,
        ["rename"] = RenameAsync,
        ["revoke"] = RevokeAsync,
        ["revokeAll"] = RevokeAllAsync,
        ["revokeAllExcept"] = RevokeAllExceptAsync,
        ["changeToken"] = ChangeLegacyAsync,
        ["rotate"] = RotateAsync,
    };

    /// <summary>The longest grace window of a rotation: a week.</summary>
    public const int MaxGraceMinutes = 10080;

    public static void MapApiTokenEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var action in Actions.Keys)
        {
            // Emulates POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/{action} (GET: 405)
            app.MapPostOnly($"/user/{{id}}/{Descriptor}/{action}", (HttpContext context, string id, UserAccounts users) =>
                RunAsync(context, users.Find(id), action)).Requires(Permission.OverallRead);
            app.MapPostOnly($"/me/{Descriptor}/{action}", (HttpContext context) =>
                RunAsync(context, context.Caller().User, action)).Requires(Permission.OverallRead);
        }
    }

    private static async Task<IResult> RunAsync(HttpContext context, User? user, string action)
    {
        if (user is null)
        {
            return context.Caller().User is null ? Forbidden.For(context, null) : Results.NotFound();
        }

        // Only a full token manages tokens, so a leaked narrow one cannot mint a wider one (sessions are never scoped).
        if (!context.Caller().MayManageTokens)
        {
            return Forbidden.ByScope(context, Forbidden.ManageTokensPermission);
        }

        return await Actions[action](context, user);
    }

    /// <summary>
    /// Only the owner creates tokens; an admin for a service account, or for anyone when the server allows it
    /// (Jenkins' adminCanGenerateNewTokens).
    /// </summary>
    public static bool MayCreateTokens(HttpContext context, User user) =>
        context.IsUser(user.Id)
        || ((user.IsServiceAccount || context.Service<JenkinsInstance>().Options.AdminCanGenerateNewTokens)
            && context.Has(Permission.Administer));

    /// <summary>
    /// The scope a creation asks for: <c>scope</c>, repeatable <c>permissions</c> and <c>items</c>
    /// (token-governance.md section 1). Null with a 400 naming the problem when it is not valid.
    /// </summary>
    private static async Task<(TokenScope? Scope, IResult? Problem)> ScopeAsync(HttpContext context)
    {
        var scope = TokenScope.TryCreate(await context.ParamAsync("scope"),
            await context.ParamsAsync("permissions"), await context.ParamsAsync("items"), out var problem);
        return scope is null
            ? (null, ApiResponse.Error(problem!, StatusCodes.Status400BadRequest))
            : (scope, null);
    }

    // Who created a token: recorded when it was not the owner (an admin issuing one).
    private static string CreatorOf(HttpContext context) => context.Caller().Name;

    private static JObject NewTokenJson(HttpContext context, NewApiToken token) => new()
    {
        ["tokenName"] = token.Name,
        ["tokenUuid"] = token.Uuid,
        ["tokenValue"] = token.PlainValue,
        ["expirationDate"] = token.ExpirationDate?.ToString("yyyy-MM-dd") ?? "never",
        ["aboutToExpire"] = token.ExpirationDate is { } date && date < Today(context).AddDays(7),
    };

    private static async Task<IResult> GenerateAsync(HttpContext context, User user)
    {
        if (!MayCreateTokens(context, user))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var (expiration, problem) = await ExpirationAsync(context);
        var (scope, scopeProblem) = await ScopeAsync(context);
        if ((problem ?? scopeProblem ?? TokenPolicyCheck.RefusalFor(context, expiration, scope!.Name)) is { } refused)
        {
            return refused;
        }

        var result = Users(context).GenerateToken(user.Id, await context.ParamAsync("newTokenName"), expiration, scope, CreatorOf(context));
        return result.Token is { } token ? ApiResponse.Ok(NewTokenJson(context, token)) : Failure(result.Outcome);
    }

    private static async Task<IResult> AddFixedAsync(HttpContext context, User user)
    {
        if (!MayCreateTokens(context, user))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var (expiration, problem) = await ExpirationAsync(context);
        var (scope, scopeProblem) = await ScopeAsync(context);
        if ((problem ?? scopeProblem ?? TokenPolicyCheck.RefusalFor(context, expiration, scope!.Name)) is { } refused)
        {
            return refused;
        }

        var value = await context.ParamAsync("newTokenPlainValue") ?? string.Empty;
        var result = Users(context).AddFixedToken(user.Id, await context.ParamAsync("newTokenName"), value, expiration, scope, CreatorOf(context));
        return result.Token is { } token
            ? ApiResponse.Ok(new JObject { ["tokenUuid"] = token.Uuid, ["tokenName"] = token.Name })
            : Failure(result.Outcome);
    }

    private static async Task<IResult> RenameAsync(HttpContext context, User user)
    {
        if (!context.ControlsUser(user.Id))
        {
            return Forbidden.For(context, Permission.Administer);
        }

        var uuid = await context.ParamAsync("tokenUuid");
        if (string.IsNullOrWhiteSpace(uuid))
        {
            return ApiResponse.Error(BlankUuid);
        }

        return Users(context).RenameToken(user.Id, uuid, await context.ParamAsync("newName")) switch
        {
            TokenChange.Done => ApiResponse.Ok(),
            TokenChange.BlankName => ApiResponse.Error("The name cannot be empty"),
            TokenChange.UnknownToken => ApiResponse.Error("No token found, try refreshing the page"),
            var other => Failure(other),
        };
    }

    private static Task<IResult> RevokeAsync(HttpContext context, User user) =>
        WithUuidAsync(context, user, uuid => Users(context).RevokeToken(user.Id, uuid));

    private static Task<IResult> RevokeAllExceptAsync(HttpContext context, User user) =>
        WithUuidAsync(context, user, uuid => Users(context).RevokeAllTokensExcept(user.Id, uuid));

    private static Task<IResult> RevokeAllAsync(HttpContext context, User user)
    {
        if (!context.ControlsUser(user.Id))
        {
            return Task.FromResult(Forbidden.For(context, Permission.Administer));
        }

        Users(context).RevokeAllTokens(user.Id);
        return Task.FromResult(Results.Ok());
    }

    /// <summary>Jenkins: a blank uuid is a 400 page; an unknown uuid is a silent success (200, empty).</summary>
    private static async Task<IResult> WithUuidAsync(HttpContext context, User user, Func<string, TokenChange> change)
    {
        if (!context.ControlsUser(user.Id))
        {
            return Forbidden.For(context, Permission.Administer);
        }

        var uuid = await context.ParamAsync("tokenUuid");
        if (string.IsNullOrWhiteSpace(uuid))
        {
            return Results.Text(BlankUuid, "text/plain;charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        change(uuid);
        return Results.Ok();
    }

    /// <summary>
    /// Rotation with a grace window (token-governance.md section 3): a new token with the same name and scope,
    /// answered as generateNewToken is; the old value works for <c>graceMinutes</c> more (0: revoked at once).
    /// </summary>
    private static async Task<IResult> RotateAsync(HttpContext context, User user)
    {
        if (!MayCreateTokens(context, user))
        {
            return Forbidden.For(context, Permission.Administer);
        }

        var uuid = await context.ParamAsync("tokenUuid");
        if (string.IsNullOrWhiteSpace(uuid))
        {
            return ApiResponse.Error(BlankUuid, StatusCodes.Status400BadRequest);
        }

        var graceText = (await context.ParamAsync("graceMinutes"))?.Trim();
        var grace = 0;
        if (!string.IsNullOrEmpty(graceText)
            && (!int.TryParse(graceText, NumberStyles.None, CultureInfo.InvariantCulture, out grace) || grace > MaxGraceMinutes))
        {
            return ApiResponse.Error($"graceMinutes must be a number of minutes from 0 to {MaxGraceMinutes}.", StatusCodes.Status400BadRequest);
        }

        using var audited = TokenAuditTrail.Because(TokenAuditEvents.Rotated);
        var result = Users(context).RotateToken(user.Id, uuid, TimeSpan.FromMinutes(grace), CreatorOf(context),
            context.Service<TokenPolicy>().Current.MaxLifetimeDays);
        if (result.Token is not { } token)
        {
            return result.Outcome switch
            {
                TokenChange.UnknownToken => ApiResponse.Error("No token found with this uuid.", StatusCodes.Status404NotFound),
                TokenChange.LegacyNotRotatable => ApiResponse.Error(
                    "The legacy token cannot be rotated: revoke it and create a new token.", StatusCodes.Status400BadRequest),
                var other => Failure(other),
            };
        }

        var data = NewTokenJson(context, token);
        data["rotatedFrom"] = result.RotatedFrom;
        return ApiResponse.Ok(data);
    }

    /// <summary>
    /// Jenkins' changeToken: rotates the legacy token. The new value goes in the callback header only
    /// for a caller allowed to see it; others get "Token is hidden" (Jenkins 2.540+ leaks it there).
    /// </summary>
    private static Task<IResult> ChangeLegacyAsync(HttpContext context, User user)
    {
        if (!context.ControlsUser(user.Id))
        {
            return Task.FromResult(Forbidden.For(context, Permission.Administer));
        }

        var (outcome, value) = Users(context).ChangeLegacyToken(user.Id);
        if (outcome != TokenChange.Done)
        {
            return Task.FromResult(Html("<div>Capability to generate a legacy API token without an existing one is currently disabled in the security configuration</div>"));
        }

        var visible = context.IsUser(user.Id)
            || context.Service<JenkinsInstance>().Options.ShowLegacyTokenToAdmins;
        var callback = new JObject { ["callback"] = "changeTokenCallback", ["arguments"] = new JArray(visible ? value ?? string.Empty : "Token is hidden") };
        context.Response.Headers["X-Jenkins-ValidateButton-Callback"] = callback.ToString(Newtonsoft.Json.Formatting.None);
        return Task.FromResult(Html(visible
            ? "<div>Updated. See the new token in the field above</div>"
            : "<div>Updated. You need to login as the user to see the token</div>"));
    }

    /// <summary>Jenkins 2.548's expiration: blank or "never", a number of days, or "custom" with tokenExpiration.</summary>
    private static async Task<(DateOnly? Expiration, IResult? Problem)> ExpirationAsync(HttpContext context)
    {
        var duration = (await context.ParamAsync("expirationDuration"))?.Trim();
        if (string.IsNullOrEmpty(duration) || duration == "never")
        {
            return (null, null);
        }

        if (duration == "custom")
        {
            var text = await context.ParamAsync("tokenExpiration");
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? (date, null)
                : (null, ApiResponse.Error("The expiration date must be given as yyyy-MM-dd.", StatusCodes.Status400BadRequest));
        }

        return int.TryParse(duration, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= 36500
            ? (Today(context).AddDays(days), null)
            : (null, ApiResponse.Error("The expiration duration must be a number of days, 'custom' or 'never'.", StatusCodes.Status400BadRequest));
    }

    private static IResult Failure(TokenChange outcome) => outcome switch
    {
        TokenChange.ExpirationInPast => ApiResponse.Error("Expiration date is in the past."),
        TokenChange.NameTooLong => ApiResponse.Error($"The token name must be at most {UserAccounts.MaxTokenNameLength} characters.", StatusCodes.Status400BadRequest),
        TokenChange.InvalidName => ApiResponse.Error("The token name must not contain control characters.", StatusCodes.Status400BadRequest),
        TokenChange.InvalidValue => ApiResponse.Error("The token value must be \"11\" followed by 32 hexadecimal characters.", StatusCodes.Status400BadRequest),
        TokenChange.UnknownUser => Results.NotFound(),
        _ => ApiResponse.Error(outcome.ToString(), StatusCodes.Status400BadRequest),
    };

    private static UserAccounts Users(HttpContext context) => context.Service<UserAccounts>();

    private static DateOnly Today(HttpContext context) =>
        DateOnly.FromDateTime(context.Service<JenkinsInstance>().Options.Clock.GetUtcNow().UtcDateTime);

    private static IResult Html(string body) => Results.Text(body, "text/html;charset=utf-8", Encoding.UTF8);
}
