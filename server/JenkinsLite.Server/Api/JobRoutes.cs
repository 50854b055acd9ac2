namespace JenkinsLite.Server.Api;

/// <summary>
/// Routes under a job at any folder depth: <c>/job/a/…</c>, <c>/job/a/job/b/…</c>, as Jenkins' URLs nest.
/// One route per depth (route templates cannot repeat a segment pair); the handler reads the item's full
/// name with <see cref="JobFullName"/> ("a/b"), each segment already percent-decoded.
/// </summary>
internal static class JobRoutes
{
    /// <summary>Folder depth served (python-jenkins' own job list stops at 10 levels).</summary>
    public const int MaxNesting = 10;

    private static readonly string[] ReadMethods = ["GET", "HEAD"];
    private static readonly string[] NonPostMethods = ["GET", "HEAD", "PUT", "DELETE", "PATCH"];

    /// <summary>
    /// Maps <paramref name="suffix"/> (e.g. <c>api/{flavor}</c>, or "" for the item itself) below every
    /// job depth for the given methods. Conventions set on the returned group apply to every depth.
    /// </summary>
    public static RouteGroupBuilder MapJobMethods(this IEndpointRouteBuilder app, string suffix, IEnumerable<string> methods, Delegate handler)
    {
        var group = app.MapGroup(string.Empty);
        var list = methods.ToArray();
        for (var depth = 1; depth <= MaxNesting; depth++)
        {
            group.MapMethods(Pattern(depth, suffix), list, handler);
        }

        return group;
    }

    /// <summary>GET and HEAD below every job depth.</summary>
    public static RouteGroupBuilder MapJobRead(this IEndpointRouteBuilder app, string suffix, Delegate handler) =>
        app.MapJobMethods(suffix, ReadMethods, handler);

    /// <summary>Jenkins' @RequirePOST below every job depth: other methods get 405 and never run the action.</summary>
    public static RouteGroupBuilder MapJobPostOnly(this IEndpointRouteBuilder app, string suffix, Delegate handler)
    {
        var refusals = app.MapGroup(string.Empty);
        for (var depth = 1; depth <= MaxNesting; depth++)
        {
            refusals.MapMethods(Pattern(depth, suffix), NonPostMethods, RouteExtensions.RequirePostPage);
        }

        return app.MapJobMethods(suffix, ["POST"], handler);
    }

    /// <summary>The full name ("folder/job") of the item the URL names.</summary>
    public static string JobFullName(this HttpContext context)
    {
        var values = context.Request.RouteValues;
        var segments = new List<string>();
        for (var i = 0; i < MaxNesting && values.TryGetValue($"j{i}", out var value) && value is string segment; i++)
        {
            segments.Add(segment);
        }

        return string.Join('/', segments);
    }

    /// <summary>Absolute URL of an item: <c>&lt;root&gt;job/a/job/b/</c>.</summary>
    public static string UrlOf(HttpContext context, string fullName) => UrlOf(RootUrl.Of(context), fullName);

    /// <summary>Absolute URL of an item under <paramref name="rootUrl"/> (which ends with '/').</summary>
    public static string UrlOf(string rootUrl, string fullName) => rootUrl + PathOf(fullName);

    /// <summary>Relative path of an item: <c>job/a/job/b/</c>, each name percent-encoded.</summary>
    public static string PathOf(string fullName) =>
        string.Concat(fullName.Split('/').Select(s => "job/" + Uri.EscapeDataString(s) + "/"));

    private static string Pattern(int depth, string suffix) =>
        string.Concat(Enumerable.Range(0, depth).Select(i => $"/job/{{j{i}}}")) + (suffix.Length > 0 ? "/" + suffix : string.Empty);
}
