using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Api;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.ApiTokens.Inventory;

/// <summary>Every token of the instance and the bulk revoke (token-governance.md section 6); admins only.</summary>
internal static class InventoryEndpoints
{
    public const string PageUrl = "/manage/apiTokens/";
    private const int MaxSelectionBytes = 1024 * 1024;

    public static void MapInventoryEndpoints(this IEndpointRouteBuilder app)
    {
        // JenkinsLite: GET /manage/apiTokens/api/json?user=&state= — the inventory, with tree= (Administer); 400 naming a bad state
        app.MapRead("/manage/apiTokens/api/{flavor}", (HttpContext context, string flavor, TokenInventoryService inventory) =>
        {
            var query = context.Request.Query;
            if (!TokenInventoryService.TryParseState(query["state"].FirstOrDefault(), out var state))
            {
                return Failure.Of(context, $"Unknown state '{query["state"]}'; use one of {string.Join(", ", TokenInventoryService.StateNames)}");
            }

            var rows = inventory.Rows(query["user"].FirstOrDefault() is { Length: > 0 } user ? user : null, state);
            return ApiResponse.Render(context, flavor, InventoryModel.Of(rows), "apiTokenInventory");
        }).Requires(Permission.Administer);

        // JenkinsLite: POST /manage/apiTokens/revokeSelected ({"values":[{userId,uuid}]}) — 200 {"revoked":N,"skipped":[{userId,uuid}]}
        app.MapPostOnly("/manage/apiTokens/revokeSelected", RevokeSelectedAsync).Requires(Permission.Administer);
    }

    private static async Task<IResult> RevokeSelectedAsync(HttpContext context, UserAccounts users)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, MaxSelectionBytes);
        if (refusal is not null)
        {
            return refusal;
        }

        List<(string UserId, string Uuid)> pairs;
        try
        {
            pairs = [.. (JObject.Parse(System.Text.Encoding.UTF8.GetString(body!))["values"] as JArray ?? []).OfType<JObject>()
                .Select(p => (p["userId"]?.ToString() ?? string.Empty, p["uuid"]?.ToString() ?? string.Empty))];
        }
        catch (JsonReaderException)
        {
            return Failure.Of(context, "The body must be JSON: {\"values\":[{\"userId\":\"…\",\"uuid\":\"…\"}]}");
        }

        var revoked = 0;
        var skipped = new JArray();
        foreach (var (userId, uuid) in pairs)
        {
            if (users.Find(userId) is { } user && user.Tokens.Find(uuid) is not null)
            {
                users.RevokeToken(user.Id, uuid);
                revoked++;
            }
            else
            {
                skipped.Add(new JObject { ["userId"] = userId, ["uuid"] = uuid });
            }
        }

        return Results.Text(new JObject { ["revoked"] = revoked, ["skipped"] = skipped }.ToString(Formatting.None), ApiResponse.JsonContentType);
    }
}
