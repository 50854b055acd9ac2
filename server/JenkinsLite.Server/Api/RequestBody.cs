using System.Text;

namespace JenkinsLite.Server.Api;

/// <summary>Reads a request body up to a limit; a larger one is refused with 413 before anything is written.</summary>
internal static class RequestBody
{
    /// <summary>Limit for an uploaded config.xml (job or view); Kestrel's own limit for any body is larger.</summary>
    public const int ConfigXmlLimit = 5 * 1024 * 1024;

    /// <summary>The body, or the 413 to answer.</summary>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>Jenkins treats a body as XML when its type starts with application/xml or text/xml.</summary>
    public static bool IsXml(HttpContext context) =>
        context.Request.ContentType is { } type
        && (type.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase));

    private static IResult TooLarge(int limit) =>
        Results.Text($"The request body is larger than {limit / (1024 * 1024)} MiB.", "text/plain;charset=utf-8", Encoding.UTF8,
            StatusCodes.Status413PayloadTooLarge);
}
