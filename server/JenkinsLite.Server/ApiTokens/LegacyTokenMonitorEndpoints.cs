using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Users;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.ApiTokens;

/// <summary>
/// Jenkins' legacy-token monitor (<c>/administrativeMonitor/legacyApiToken/</c>) and the token settings,
/// so admins can move users off legacy tokens progressively.
/// </summary>
internal static class LegacyTokenMonitorEndpoints
{
    private const string Monitor = "/administrativeMonitor/legacyApiToken";
    private const long MaxSelectionBytes = 1024 * 1024;

    private static readonly Dictionary<string, Func<ApiTokenSettings, ApiTokenSettings>> FlagMonitors = new(StringComparer.Ordinal)
    {
        ["jenkins.security.apitoken.ApiTokenPropertyDisabledDefaultAdministrativeMonitor"] = s => s with { TokenGenerationOnCreationEnabled = false },
        ["jenkins.security.apitoken.ApiTokenPropertyEnabledNewLegacyAdministrativeMonitor"] = s => s with { CreationOfLegacyTokenEnabled = false },
    };

    public static void MapLegacyTokenMonitorEndpoints(this IEndpointRouteBuilder app)
    {
        // JenkinsLite: GET /administrativeMonitor/legacyApiToken/api/json — users with a legacy token, with last use (Administer)
        app.MapRead(Monitor + "/api/{flavor}", (HttpContext context, string flavor, UserAccounts users) =>
            ApiResponse.Render(context, flavor, Report(users), "legacyApiTokenAdministrativeMonitor"))
            .Requires(Permission.Administer);

        // Emulates POST /administrativeMonitor/legacyApiToken/revokeAllSelected ({"values":[{userId,uuid}]}: 200, empty)
        app.MapPostOnly(Monitor + "/revokeAllSelected", RevokeSelectedAsync).Requires(Permission.Administer);

        // Emulates POST /administrativeMonitor/{flag monitor}/act (without "no": switch the flag off; 302 to /manage)
        app.MapPostOnly("/administrativeMonitor/{monitor}/act", (HttpContext context, string monitor, JenkinsInstance instance) =>
        {
            if (!FlagMonitors.TryGetValue(monitor, out var switchOff))
            {
                return Results.NotFound();
            }

            LegacySettingsAudit.ChangeAudited(context, instance, switchOff(instance.ApiTokens));
            return Results.Redirect("/manage");
        }).Requires(Permission.Administer);

        // JenkinsLite: GET /manage/apiTokenSettings/api/json and POST .../configure — the three legacy switches
        app.MapRead("/manage/apiTokenSettings/api/{flavor}", (HttpContext context, string flavor, JenkinsInstance instance) =>
            ApiResponse.Render(context, flavor, SettingsJson(instance.ApiTokens), "apiTokenPropertyConfiguration"))
            .Requires(Permission.Administer);
        app.MapPostOnly("/manage/apiTokenSettings/configure", ConfigureAsync).Requires(Permission.Administer);
    }

    private static JObject Report(UserAccounts users)
    {
        var rows = new JArray();
        foreach (var (user, legacy, fresh, recent) in users.LegacyTokenHolders())
        {
            rows.Add(new JObject
            {
                ["userId"] = user.Id,
                ["fullName"] = user.FullName,
                ["tokenUuid"] = legacy.Uuid,
                ["tokenName"] = legacy.Name,
                ["creationDate"] = UserModel.Iso(legacy.CreationDate),
                ["ageInDays"] = legacy.AgeInDays,
                ["useCount"] = legacy.UseCount,
                ["lastUseDate"] = UserModel.Iso(legacy.LastUseDate),
                ["hasFreshToken"] = fresh,
                ["hasRecentToken"] = recent,
            });
        }

        return new JObject
        {
            ["_class"] = "jenkins.security.apitoken.LegacyApiTokenAdministrativeMonitor",
            ["activated"] = rows.Count > 0,
            ["users"] = rows,
        };
    }

    private static async Task<IResult> RevokeSelectedAsync(HttpContext context, UserAccounts users)
    {
        if (context.Request.ContentLength > MaxSelectionBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        JObject body;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            body = JObject.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        }
        catch (JsonReaderException)
        {
            return Results.Text("The body must be JSON: {\"values\":[{\"userId\":\"…\",\"uuid\":\"…\"}]}", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        foreach (var pair in body["values"] as JArray ?? [])
        {
            // Jenkins reads a JSON null user id as the string "null"; unknown pairs are skipped.
            var userId = pair["userId"]?.Type == JTokenType.Null ? "null" : pair["userId"]?.ToString();
            var uuid = pair["uuid"]?.ToString();
            if (!string.IsNullOrEmpty(userId) && !string.IsNullOrEmpty(uuid))
            {
                users.RevokeLegacyToken(userId, uuid);
            }
        }

        return Results.Ok();
    }

    private static async Task<IResult> ConfigureAsync(HttpContext context, JenkinsInstance instance)
    {
        var current = instance.ApiTokens;
        bool? Flag(string? text) => text is null ? null : text is "true" or "on";
        var updated = new ApiTokenSettings(
            Flag(await context.ParamAsync("tokenGenerationOnCreationEnabled")) ?? current.TokenGenerationOnCreationEnabled,
            Flag(await context.ParamAsync("creationOfLegacyTokenEnabled")) ?? current.CreationOfLegacyTokenEnabled,
            Flag(await context.ParamAsync("usageStatisticsEnabled")) ?? current.UsageStatisticsEnabled);
        LegacySettingsAudit.ChangeAudited(context, instance, updated);
        return ApiResponse.Render(context, "json", SettingsJson(updated), "apiTokenPropertyConfiguration");
    }

    private static JObject SettingsJson(ApiTokenSettings settings) => new()
    {
        ["_class"] = "jenkins.security.apitoken.ApiTokenPropertyConfiguration",
        ["tokenGenerationOnCreationEnabled"] = settings.TokenGenerationOnCreationEnabled,
        ["creationOfLegacyTokenEnabled"] = settings.CreationOfLegacyTokenEnabled,
        ["usageStatisticsEnabled"] = settings.UsageStatisticsEnabled,
    };
}
