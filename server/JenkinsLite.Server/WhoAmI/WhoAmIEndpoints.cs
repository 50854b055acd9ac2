using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.WhoAmI;

internal static class WhoAmIEndpoints
{
    public static void MapWhoAmIEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET /whoAmI/api/{json,xml,python} (hudson.security.WhoAmI, an unprotected root action: 200)
        app.MapRead("/whoAmI/api/{flavor}", (HttpContext context, string flavor) =>
        {
            var caller = context.Caller();
            return ApiResponse.Render(context, flavor, (writer, _) => Write(writer, caller), "whoAmI");
        });
    }

    /// <summary>Jenkins exports only these four; never a session id or the Authorization header (SECURITY-1695).</summary>
    private static void Write(ApiWriter writer, RequestCaller caller)
    {
        writer.StartObject();
        writer.Property("_class", "hudson.security.WhoAmI");
        writer.Property("anonymous", caller.User is null);
        writer.Property("authenticated", true); // Jenkins says true for anonymous too
        writer.Name("authorities");
        writer.StartArray();
        foreach (var authority in caller.Caller.Authorities)
        {
            writer.String(authority);
        }

        writer.EndArray();
        writer.Property("name", caller.Name);
        writer.EndObject();
    }
}
