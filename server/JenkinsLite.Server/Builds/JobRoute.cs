using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Server.Api;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// Job URLs, top-level or nested in folders: <c>/job/a/…</c>, <c>/job/a/job/b/…</c>. The builds feature
/// serves its job actions through one catch-all route and splits the path here: a template per nesting
/// depth and action multiplies the router's states past what it can build quickly.
/// </summary>
internal static class JobRoute
{
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

    public static string BuildUrlOf(string rootUrl, string fullName, int number) =>
        JobRoutes.UrlOf(rootUrl, fullName) + number.ToString(CultureInfo.InvariantCulture) + "/";
}
