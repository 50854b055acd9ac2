using System.Globalization;
using System.Text;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Api;
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
    };

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

        return await Actions[action](context, user);
    }

    // Only the owner creates tokens; an admin only when the server allows it (Jenkins' adminCanGenerateNewTokens).
    private static bool MayCreateTokens(HttpContext context, User user) =>
        context.IsUser(user.Id)
        || (context.RequestServices.GetRequiredService<JenkinsInstance>().Options.AdminCanGenerateNewTokens && context.Has(Permission.Administer));

    private static async Task<IResult> GenerateAsync(HttpContext context, User user)
    {
        if (!MayCreateTokens(context, user))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var (expiration, problem) = await ExpirationAsync(context);
        if ((problem ?? TokenPolicyCheck.RefusalFor(context, expiration)) is { } refused)
        {
            return refused;
        }

        var result = Users(context).GenerateToken(user.Id, await context.ParamAsync("newTokenName"), expiration);
        return result.Token is { } token
            ? ApiResponse.Ok(new JObject
            {
                ["tokenName"] = token.Name,
                ["tokenUuid"] = token.Uuid,
                ["tokenValue"] = token.PlainValue,
                ["expirationDate"] = token.ExpirationDate?.ToString("yyyy-MM-dd") ?? "never",
                ["aboutToExpire"] = token.ExpirationDate is { } date && date < Today(context).AddDays(7),
            })
            : Failure(result.Outcome);
    }

    private static async Task<IResult> AddFixedAsync(HttpContext context, User user)
    {
        if (!MayCreateTokens(context, user))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var (expiration, problem) = await ExpirationAsync(context);
        if ((problem ?? TokenPolicyCheck.RefusalFor(context, expiration)) is { } refused)
        {
            return refused;
        }

        var value = await context.ParamAsync("newTokenPlainValue") ?? string.Empty;
        var result = Users(context).AddFixedToken(user.Id, await context.ParamAsync("newTokenName"), value, expiration);
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
            || context.RequestServices.GetRequiredService<JenkinsInstance>().Options.ShowLegacyTokenToAdmins;
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

    private static UserAccounts Users(HttpContext context) => context.RequestServices.GetRequiredService<UserAccounts>();

    private static DateOnly Today(HttpContext context) =>
        DateOnly.FromDateTime(context.RequestServices.GetRequiredService<JenkinsInstance>().Options.Clock.GetUtcNow().UtcDateTime);

    private static IResult Html(string body) => Results.Text(body, "text/html;charset=utf-8", Encoding.UTF8);
}
