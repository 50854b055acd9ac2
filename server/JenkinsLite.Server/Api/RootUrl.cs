namespace JenkinsLite.Server.Api;

/// <summary>
/// The root URL for absolute links. With no configured URL it is the address the request reached
/// (decisions.md #13), so links work on any port.
/// </summary>
internal static class RootUrl
{
    // The root URL built last and what it was built from: nearly every request reaches the same address, so the Host
    // header is parsed and the URL built only when the address changes, not for every answer that carries links.
    private static Built? s_last;

    public static string Of(HttpContext context)
    {
        var request = context.Request;
        var host = request.Headers.Host.ToString();
        var pathBase = request.PathBase.Value ?? string.Empty;
        if (s_last is { } last && last.Matches(request.Scheme, host, pathBase))
        {
            return last.Url;
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}/";
        s_last = new Built(request.Scheme, host, pathBase, url);
        return url;
    }

    private sealed record Built(string Scheme, string Host, string PathBase, string Url)
    {
        public bool Matches(string scheme, string host, string pathBase) =>
            string.Equals(Scheme, scheme, StringComparison.Ordinal)
            && string.Equals(Host, host, StringComparison.Ordinal)
            && string.Equals(PathBase, pathBase, StringComparison.Ordinal);
    }
}
