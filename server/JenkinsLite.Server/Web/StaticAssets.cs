using System.Security.Cryptography;
using JenkinsLite.Server.Api;

namespace JenkinsLite.Server.Web;

/// <summary>
/// The pages' one stylesheet and one script, at URLs that carry a hash of their content (as Jenkins'
/// <c>/static/&lt;hash&gt;/</c>), so browsers keep them for a year and a new build is fetched at once. The files
/// (Web/Assets) are embedded in the assembly.
/// </summary>
internal static class StaticAssets
{
    private static readonly byte[] Css = Embedded("site.css");
    private static readonly byte[] Script = Embedded("site.js");
    private static readonly string Version = Convert.ToHexStringLower(SHA256.HashData([.. Css, .. Script]))[..12];

    public static string CssUrl { get; } = $"/static/{Version}/site.css";

    public static string ScriptUrl { get; } = $"/static/{Version}/site.js";

    public static void MapStaticAssets(this IEndpointRouteBuilder app)
    {
        // JenkinsLite: GET /static/{hash}/site.css and site.js — the pages' assets, cached for a year (404 for another hash)
        app.MapRead("/static/{version}/{file}", (HttpContext context, string version, string file) =>
        {
            var (bytes, type) = file switch
            {
                "site.css" => (Css, "text/css;charset=utf-8"),
                "site.js" => (Script, "text/javascript;charset=utf-8"),
                _ => (null, string.Empty),
            };
            if (bytes is null || version != Version)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(bytes, type);
        });
    }

    private static byte[] Embedded(string name)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The asset {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
