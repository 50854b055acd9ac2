using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.WhoAmI;

internal static class WhoAmIEndpoints
{
    public static void MapWhoAmIEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET /whoAmI/api/{json,xml,python} (hudson.security.WhoAmI, an unprotected root action: 200)
        app.MapRead("/whoAmI/api/{flavor}", (HttpContext context, string flavor) =>
            ApiResponse.Render(context, flavor, Model(context.Caller()), "whoAmI"));
    }

    /// <summary>Jenkins exports only these four; never a session id or the Authorization header (SECURITY-1695).</summary>
    private static JObject Model(RequestCaller caller) => new()
    {
        ["_class"] = "hudson.security.WhoAmI",
        ["anonymous"] = caller.User is null,
        ["authenticated"] = true, // Jenkins says true for anonymous too
        ["authorities"] = new JArray(caller.Caller.Authorities),
        ["name"] = caller.Name,
    };
}
