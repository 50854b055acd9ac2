using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Security;

/// <summary>
/// Access to the request's caller and the authorization strategy from endpoints: every permission check of
/// HTTP and the pages comes here, and counts the API token's scope (<see cref="AuthorizationStrategy.Check"/>).
/// </summary>
internal static class HttpContextSecurity
{
    // Through the collection's indexer: Get<T> and Set<T> are generic virtual methods, dispatched by a runtime
    // lookup each time, and the caller is asked for several times in every request.
    public static RequestCaller Caller(this HttpContext context) =>
        context.Features[typeof(RequestCaller)] as RequestCaller ?? RequestCaller.Anonymous;

    /// <summary>Who the request comes from, as <see cref="CallerMiddleware"/> decided.</summary>
    public static void SetCaller(this HttpContext context, RequestCaller caller) =>
        context.Features[typeof(RequestCaller)] = caller;

    public static bool Has(this HttpContext context, Permission permission) =>
        context.Check(permission) == PermissionCheck.Granted;

    /// <summary>A permission on one item: a token limited to some items holds item permissions on those only.</summary>
    public static bool Has(this HttpContext context, Permission permission, string itemFullName) =>
        context.Check(permission, itemFullName) == PermissionCheck.Granted;

    public static PermissionCheck Check(this HttpContext context, Permission permission, string? itemFullName = null)
    {
        var caller = context.Caller();
        return context.Service<JenkinsInstance>().Security.Authorization
            .Check(caller.Caller, permission, caller.Scope, itemFullName, ItemNames(context, caller, itemFullName));
    }

    /// <summary>
    /// Whether an item shows at all: in lists and to its URL. A token limited to some items sees those and the
    /// folders holding them, as if its owner could not see the rest.
    /// </summary>
    public static bool Sees(this HttpContext context, JobItem item) =>
        context.Caller().Scope is not { LimitsItems: true } scope
        || scope.Shows(item.FullName, context.Service<JobRegistry>().All().Select(i => i.FullName));

    /// <summary>Whether every item the caller may read shows (<see cref="Sees"/> for each): asked once for a list.</summary>
    public static bool SeesEveryItem(this HttpContext context) => context.Caller().Scope is not { LimitsItems: true };

    /// <summary>Jenkins' "controls the User object": that user themself, or an administrator.</summary>
    public static bool ControlsUser(this HttpContext context, string userId)
    {
        var caller = context.Caller();
        return (caller.User is not null && string.Equals(caller.User.Id, userId, StringComparison.OrdinalIgnoreCase))
            || context.Has(Permission.Administer);
    }

    public static bool IsUser(this HttpContext context, string userId) =>
        context.Caller().User is { } user && string.Equals(user.Id, userId, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string>? ItemNames(HttpContext context, RequestCaller caller, string? item) =>
        item is not null && caller.Scope is { LimitsItems: true }
            ? context.Service<JobRegistry>().All().Select(i => i.FullName)
            : null;
}
