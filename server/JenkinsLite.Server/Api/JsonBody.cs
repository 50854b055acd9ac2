using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Api;

/// <summary>
/// A JSON answer written straight to the response as UTF-8: the same bytes and headers as
/// <c>Results.Text(token.ToString(formatting), ...)</c>, without the intermediate string and its growing
/// buffers (the text is built in a buffer reused per thread, the bytes in pooled arrays). The model writes
/// itself (<see cref="ApiWriter"/>), so no JToken is built for it.
/// </summary>
internal sealed class JsonBody(Action<ApiWriter> write, Formatting formatting, int statusCode = StatusCodes.Status200OK) : IResult
{
    // ApiResponse.JsonContentType as Results.Text wrote it (it rewrites the charset parameter this way).
    private const string ContentType = "application/json; charset=utf-8";

    // Buffers larger than this are not kept between requests, so one huge answer does not pin memory.
    private const int MaxKeptChars = 256 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_text;

    public JsonBody(JToken body, Formatting formatting, int statusCode = StatusCodes.Status200OK)
        : this(writer => writer.Token(body), formatting, statusCode)
    {
    }

    public async Task ExecuteAsync(HttpContext context)
    {
        var (bytes, length) = Utf8Of(write, formatting);
        try
        {
            var response = context.Response;
            response.StatusCode = statusCode;
            response.ContentType = ContentType;
            response.ContentLength = length;
            await response.Body.WriteAsync(bytes.AsMemory(0, length), context.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The model as JToken.ToString would write it, encoded as UTF-8 into a pooled array (return it).</summary>
    private static (byte[] Bytes, int Length) Utf8Of(Action<ApiWriter> write, Formatting formatting)
    {
        // Synchronous from here to the return of the buffer, so a thread's buffer serves one request at a time.
        var text = t_text ?? new StringBuilder(4096);
        t_text = null;
        text.Clear();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        using (var json = new JsonTextWriter(writer) { Formatting = formatting, ArrayPool = PooledChars.Instance })
        {
            write(new ApiTextWriter(json));
        }

        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        var encoder = Encoding.UTF8.GetEncoder();
        var length = 0;
        foreach (var chunk in text.GetChunks())
        {
            length += encoder.GetBytes(chunk.Span, bytes.AsSpan(length), flush: false); // a surrogate pair may span chunks
        }

        length += encoder.GetBytes(ReadOnlySpan<char>.Empty, bytes.AsSpan(length), flush: true);
        if (text.Capacity <= MaxKeptChars)
        {
            t_text = text;
        }

        return (bytes, length);
    }

    private sealed class PooledChars : IArrayPool<char>
    {
        public static readonly PooledChars Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }
}
