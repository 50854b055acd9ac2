using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Jobs;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Api;

/// <summary>Which methods a job action serves, and what the others get.</summary>
internal enum JobMethods
{
    /// <summary>GET and HEAD; other methods find nothing (404).</summary>
    Read,

    /// <summary>Jenkins' @RequirePOST: POST; other methods get 405 and never run the action.</summary>
    Post,

    /// <summary>GET, HEAD and POST alike (Stapler's <c>api/*</c>, <c>build</c>, <c>progressiveText</c>).</summary>
    ReadOrPost,

    /// <summary>Jenkins' @POST: POST; other methods find nothing (404).</summary>
    Submit,

    /// <summary>HTTP DELETE.</summary>
    Delete,
}

/// <summary>What a job action is called with: the job (and build) the URL names, already resolved and
/// permitted, and the path segments after the action (a file's path, the API's flavour; others ignore them).</summary>
internal sealed record JobRequest(HttpContext Context, JobItem Job, BuildRecord? Build, string[] Tail);

/// <summary>One action under a job (<see cref="Build"/> false) or under one of its builds.</summary>
/// <param name="Path">The action's segments (<c>["logText", "progressiveText"]</c>); empty for the object itself.</param>
/// <param name="Permission">Checked after the job and build are found; finer checks (a token, the build's state) are the action's.</param>
internal sealed record JobAction(bool Build, string[] Path, JobMethods Methods, Permission Permission, Func<JobRequest, Task<IResult>> Handler)
{
    public string Template => (Build ? "/job/{job}/{build}/" : "/job/{job}/") + string.Join('/', Path);

    private static readonly string[] ReadMethods = ["GET", "HEAD"];
    private static readonly string[] ReadOrPostMethods = ["GET", "HEAD", "POST"];
    private static readonly string[] DeleteMethods = ["DELETE"];
    private static readonly string[] PostMethods = ["POST"];

    public IReadOnlyList<string> HttpMethods => Methods switch
    {
        JobMethods.Read => ReadMethods,
        JobMethods.ReadOrPost => ReadOrPostMethods,
        JobMethods.Delete => DeleteMethods,
        _ => PostMethods,
    };

    public bool Serves(string method)
    {
        foreach (var served in HttpMethods)
        {
            if (string.Equals(served, method, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Every URL under a job, at any folder depth (<c>/job/a/job/b/…/&lt;action&gt;</c>), through one catch-all
/// route, as Jenkins' Stapler walks them: Overall/Read, then the job (404 unless the caller may read it, 403 if
/// they may only discover it), then a build when the next segment names one (a number or a permalink), then the
/// longest action whose segments start what is left; whatever follows an action is passed on and otherwise
/// ignored (<c>config.xml/api/json</c> is <c>config.xml</c>). Features add their actions to this table.
/// </summary>
internal sealed class JobRoutes
{
    private static readonly string[] AnyMethod = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"];

    private readonly List<JobAction> _actions = [];

    public IReadOnlyList<JobAction> Actions => _actions;

    /// <summary>Adds an action under the job itself.</summary>
    public void Job(string path, JobMethods methods, Permission permission, Func<JobRequest, Task<IResult>> handler) =>
        _actions.Add(new JobAction(false, Split(path), methods, permission, handler));

    public void Job(string path, JobMethods methods, Permission permission, Func<JobRequest, IResult> handler) =>
        Job(path, methods, permission, request => Task.FromResult(handler(request)));

    /// <summary>Adds an action under one of the job's builds.</summary>
    public void Build(string path, JobMethods methods, Permission permission, Func<JobRequest, Task<IResult>> handler) =>
        _actions.Add(new JobAction(true, Split(path), methods, permission, handler));

    public void Build(string path, JobMethods methods, Permission permission, Func<JobRequest, IResult> handler) =>
        Build(path, methods, permission, request => Task.FromResult(handler(request)));

    /// <summary>The server's table, for features to add their actions to.</summary>
    public static JobRoutes Of(IEndpointRouteBuilder app) => app.ServiceProvider.GetRequiredService<JobRoutes>();

    /// <summary>Maps the one catch-all route; the table rides along as its metadata, so a test can list every action.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var table = Of(app);
        app.MapMethods("/job/{**path}", AnyMethod, (HttpContext context, string? path) => table.DispatchAsync(context, path))
            .WithMetadata(table);
    }

    /// <summary>Splits the part after <c>/job/</c> into the job's full name and what follows it; null when it names no job.</summary>
    public static (string FullName, string[] Remainder)? Parse(string? path)
    {
        var segments = (path ?? string.Empty).Split('/');
        var end = segments.Length;
        while (end > 0 && segments[end - 1].Length == 0)
        {
            end--; // trailing slashes
        }

        if (end == 0 || segments[0].Length == 0)
        {
            return null;
        }

        var names = new List<string> { segments[0] };
        var i = 1;
        for (; i + 1 < end && segments[i] == "job" && segments[i + 1].Length > 0; i += 2)
        {
            names.Add(segments[i + 1]);
        }

        return (string.Join('/', names), segments[i..end]);
    }

    /// <summary>A build reference: a number or one of Jenkins' permalinks.</summary>
    public static bool IsBuildReference(string segment) =>
        (segment.Length is > 0 and < 10 && segment.All(char.IsAsciiDigit)) || BuildRecords.IsPermalink(segment);

    /// <summary>Absolute URL of an item: <c>&lt;root&gt;job/a/job/b/</c>.</summary>
    public static string UrlOf(HttpContext context, string fullName) => UrlOf(RootUrl.Of(context), fullName);

    /// <summary>Absolute URL of an item under <paramref name="rootUrl"/> (which ends with '/').</summary>
    public static string UrlOf(string rootUrl, string fullName) =>
        fullName.Contains('/', StringComparison.Ordinal)
            ? rootUrl + string.Concat(fullName.Split('/').Select(s => "job/" + Uri.EscapeDataString(s) + "/"))
            : string.Concat(rootUrl, "job/", Uri.EscapeDataString(fullName), "/"); // a top-level item (every job of api/json): one string

    /// <summary>Relative path of an item: <c>job/a/job/b/</c>, each name percent-encoded.</summary>
    public static string PathOf(string fullName) => UrlOf(string.Empty, fullName);

    private async Task<IResult> DispatchAsync(HttpContext context, string? path)
    {
        if (Parse(path) is not var (name, rest))
        {
            return Failure.NotFound("Not found");
        }

        var (job, refusal) = JobAccess.Resolve(context, name);
        if (job is null)
        {
            return refusal!;
        }

        BuildRecord? build = null;
        var underBuild = rest.Length > 0 && IsBuildReference(rest[0]);
        if (underBuild)
        {
            build = FindBuild(context, job, rest[0]);
            if (build is null)
            {
                return Failure.NotFound($"No such build: {job.FullName} #{rest[0]}");
            }

            rest = rest[1..];
        }

        var candidates = Match(underBuild, rest);
        var method = context.Request.Method;
        if (candidates.Find(a => a.Serves(method)) is not { } action)
        {
            return candidates.Any(a => a.Methods == JobMethods.Post) ? RouteExtensions.RequirePostPage(context) : Failure.NotFound("Not found");
        }

        if (!context.Has(action.Permission, job.FullName))
        {
            return Forbidden.For(context, action.Permission);
        }

        return await action.Handler(new JobRequest(context, job, build, rest[action.Path.Length..]));
    }

    // The actions with the longest path that starts the rest; an empty path (the object itself) only matches nothing left.
    // One pass over the table without LINQ: every request under a job comes here.
    private List<JobAction> Match(bool underBuild, string[] rest)
    {
        var longest = new List<JobAction>(2);
        foreach (var action in _actions)
        {
            var length = action.Path.Length;
            if (action.Build != underBuild || length > rest.Length || (length == 0 && rest.Length > 0)
                || (longest.Count > 0 && length < longest[0].Path.Length) || !rest.AsSpan(0, length).SequenceEqual(action.Path))
            {
                continue;
            }

            if (longest.Count > 0 && length > longest[0].Path.Length)
            {
                longest.Clear();
            }

            longest.Add(action);
        }

        return longest;
    }

    private static BuildRecord? FindBuild(HttpContext context, JobItem job, string reference)
    {
        var records = context.Service<BuildRecords>();
        return int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? records.Find(job.FullName, number)
            : records.Permalink(job.FullName, reference);
    }

    private static string[] Split(string path) => path.Length == 0 ? [] : path.Split('/');
}
