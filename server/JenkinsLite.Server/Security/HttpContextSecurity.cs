using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Security;

/// <summary>Access to the request's caller and the authorization strategy from endpoints.</summary>
internal static class HttpContextSecurity
{
    public static RequestCaller Caller(this HttpContext context) =>
        context.Features.Get<RequestCaller>() ?? RequestCaller.Anonymous;

    public static bool Has(this HttpContext context, Permission permission) =>
        context.RequestServices.GetRequiredService<JenkinsInstance>().Security.Authorization
            .HasPermission(context.Caller().Caller, permission);

    /// <summary>Jenkins' "controls the User object": that user themself, or an administrator.</summary>
    public static bool ControlsUser(this HttpContext context, string userId)
    {
        var caller = context.Caller();
        return (caller.User is not null && string.Equals(caller.User.Id, userId, StringComparison.OrdinalIgnoreCase))
            || context.Has(Permission.Administer);
    }

    public static bool IsUser(this HttpContext context, string userId) =>
        context.Caller().User is { } user && string.Equals(user.Id, userId, StringComparison.OrdinalIgnoreCase);
}
