using JenkinsLite.Core.Security.ApiTokens.Policy;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.ApiTokens.Policy;

/// <summary>The token policy's API (token-governance.md section 2); admins only.</summary>
internal static class PolicyEndpoints
{
    public const string PageUrl = "/manage/apiTokenPolicy/";

    private static readonly string[] Fields =
    [
        ApiTokenPolicyInput.MaxLifetimeDays, ApiTokenPolicyInput.RequireExpiration, ApiTokenPolicyInput.MaxUnusedDays,
        ApiTokenPolicyInput.ExpiryWarningDays, ApiTokenPolicyInput.AllowedScopes,
    ];

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        // JenkinsLite: GET /manage/apiTokenPolicy/api/json — the policy in force (Administer)
        app.MapRead("/manage/apiTokenPolicy/api/{flavor}", (HttpContext context, string flavor, TokenPolicy policy) =>
            ApiResponse.Render(context, flavor, Json(policy.Current), "apiTokenPolicy")).Requires(Permission.Administer);

        // JenkinsLite: POST /manage/apiTokenPolicy/configure (form or JSON) — 302 to the page; 400 naming bad values, nothing saved
        app.MapPostOnly("/manage/apiTokenPolicy/configure", ConfigureAsync).Requires(Permission.Administer);
    }

    public static JObject Json(ApiTokenPolicy policy) => new()
    {
        ["_class"] = "jenkinslite.security.ApiTokenPolicy",
        [ApiTokenPolicyInput.MaxLifetimeDays] = policy.MaxLifetimeDays,
        [ApiTokenPolicyInput.RequireExpiration] = policy.RequireExpiration,
        [ApiTokenPolicyInput.MaxUnusedDays] = policy.MaxUnusedDays,
        [ApiTokenPolicyInput.ExpiryWarningDays] = policy.ExpiryWarningDays,
        [ApiTokenPolicyInput.AllowedScopes] = new JArray(policy.AllowedScopes ?? ApiTokenPolicy.ScopeNames),
    };

    private static async Task<IResult> ConfigureAsync(HttpContext context, TokenPolicy policy)
    {
        var (fields, unreadable) = await FieldsAsync(context);
        if (unreadable is not null)
        {
            return Failure.Of(context, unreadable);
        }

        var (updated, problems) = ApiTokenPolicyInput.Apply(policy.Current, fields);
        if (updated is null)
        {
            return Failure.Of(context, string.Join("; ", problems));
        }

        policy.Change(updated);
        return Results.Redirect(PageUrl);
    }

    /// <summary>The fields sent, from a JSON object body or the form (a checkbox left unticked is absent: false).</summary>
    private static async Task<(Dictionary<string, string?> Fields, string? Problem)> FieldsAsync(HttpContext context)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (context.Request.HasJsonContentType())
        {
            var (body, refusal) = await RequestBody.ReadAsync(context, 64 * 1024);
            if (refusal is not null || body is null)
            {
                return (fields, "The body is too large.");
            }

            try
            {
                foreach (var property in JObject.Parse(System.Text.Encoding.UTF8.GetString(body)).Properties().Where(p => Fields.Contains(p.Name)))
                {
                    fields[property.Name] = property.Value switch
                    {
                        JArray list => string.Join(",", list.Select(v => v.ToString())),
                        JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "true" : "false",
                        var value => value.ToString(),
                    };
                }
            }
            catch (JsonReaderException)
            {
                return (fields, "The body must be a JSON object with the policy's fields.");
            }

            return (fields, null);
        }

        foreach (var name in Fields)
        {
            fields[name] = await context.ParamAsync(name);
        }

        // An HTML form sends a checkbox only when it is ticked; the page marks itself so a missing one means false.
        if (await context.ParamAsync("fromPage") is not null)
        {
            fields[ApiTokenPolicyInput.RequireExpiration] ??= "false";
        }

        return (fields, null);
    }
}
