using System.Globalization;
using JenkinsLite.Server.Api;

namespace JenkinsLite.Server.Builds;

/// <summary>Build URLs: <c>&lt;job URL&gt;&lt;number&gt;/</c>; the routes themselves are <see cref="JobRoutes"/>.</summary>
internal static class JobRoute
{
    public static string BuildUrlOf(string rootUrl, string fullName, int number) =>
        JobRoutes.UrlOf(rootUrl, fullName) + number.ToString(CultureInfo.InvariantCulture) + "/";
}
