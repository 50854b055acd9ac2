using System.Text;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Api;

/// <summary>A permission a route declares (see <see cref="RouteExtensions.Requires"/>).</summary>
internal sealed record RequiredPermission(Permission Permission);

/// <summary>Marks the route that answers a POST-only action's other methods with 405: it runs no action.</summary>
internal sealed class PostOnlyRefusal
{
    public static PostOnlyRefusal Instance { get; } = new();
}

/// <summary>Route helpers for Jenkins' method rules and permission checks.</summary>
internal static class RouteExtensions
{
    private static readonly string[] ReadMethods = ["GET", "HEAD"];
    private static readonly string[] NonPostMethods = ["GET", "HEAD", "PUT", "DELETE", "PATCH"];

    private static readonly string[] ApiMethods = ["GET", "HEAD", "POST"];

    /// <summary>
    /// GET, and HEAD wherever GET is served (node's client sends HEAD to test existence). Stapler's <c>api/json|xml|python</c>
    /// answers POST as it answers GET, so a pattern ending in <c>/api/{flavor}</c> serves POST too.
    /// </summary>
    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, pattern.EndsWith("/api/{flavor}", StringComparison.Ordinal) ? ApiMethods : ReadMethods, handler);

    /// <summary>
    /// Jenkins' @RequirePOST: any other method gets 405 with <c>Allow: POST</c> and never runs the action. As in
    /// Stapler, whatever follows the action in the path is ignored (<c>/createItem/api/json</c> is <c>/createItem</c>).
    /// </summary>
    public static RouteHandlerBuilder MapPostOnly(this IEndpointRouteBuilder app, string pattern, Delegate handler)
    {
        var anyTail = pattern + "/{**ignored}";
        app.MapMethods(anyTail, NonPostMethods, RequirePostPage).WithMetadata(PostOnlyRefusal.Instance);
        return app.MapPost(anyTail, handler);
    }

    /// <summary>
    /// The permission a route needs beyond what its handler decides from the request: checked before the handler
    /// (403 without it) and kept as <see cref="RequiredPermission"/> metadata so the route table can be listed with it.
    /// </summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
    {
        // Wrapped around the finished request delegate rather than added as an endpoint filter: a filter makes every
        // call of the handler box its arguments into an invocation context, and the check needs none of them.
        builder.WithMetadata(new RequiredPermission(permission)).Finally(endpoint =>
        {
            var handler = endpoint.RequestDelegate ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no handler to guard.");
            endpoint.RequestDelegate = context =>
                context.Has(permission) ? handler(context) : Forbidden.For(context, permission).ExecuteAsync(context);
        });
        return builder;
    }

    /// <summary>A request parameter from the form body or the query string, as Stapler's @QueryParameter.</summary>
    public static async Task<string?> ParamAsync(this HttpContext context, string name)
    {
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form.TryGetValue(name, out var value))
            {
                return value.ToString();
            }
        }

        return context.Request.Query.TryGetValue(name, out var query) ? query.ToString() : null;
    }

    /// <summary>Every value of a repeatable request parameter, from the form body and the query string.</summary>
    public static async Task<IReadOnlyList<string>> ParamsAsync(this HttpContext context, string name)
    {
        var values = new List<string>();
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            values.AddRange(form[name].OfType<string>());
        }

        values.AddRange(context.Request.Query[name].OfType<string>());
        return values;
    }

    /// <summary>Jenkins' "This URL requires POST" page, 405 with <c>Allow: POST</c>.</summary>
    public static IResult RequirePostPage(HttpContext context)
    {
        context.Response.Headers.Allow = "POST";
        const string page = """
            <html><head><title>This URL requires POST</title></head>
            <body><h1>This URL requires POST</h1>
            <p>The URL you're trying to access requires that requests be sent using POST (like a form submission).</p>
            <form method="POST"><input type="submit" value="Proceed"/></form></body></html>
            """;
        return Results.Text(page, "text/html;charset=utf-8", Encoding.UTF8, StatusCodes.Status405MethodNotAllowed);
    }
}
