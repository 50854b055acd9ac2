namespace JenkinsLite.Server.Api;

/// <summary>
/// The root URL for absolute links. With no configured URL it is the address the request reached
/// (decisions.md #13), so links work on any port.
/// </summary>
internal static class RootUrl
{
    public static string Of(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/";
}
