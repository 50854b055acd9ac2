using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Api;

/// <summary>
/// A JSON answer written straight to the response as UTF-8: the same bytes and headers as
/// <c>Results.Text(token.ToString(formatting), ...)</c>, without the intermediate string (compact answers are
/// written as UTF-8 at once, <see cref="ApiUtf8Writer"/>, into a buffer reused per thread). The model writes
/// itself (<see cref="ApiWriter"/>), so no JToken is built for it.
/// </summary>
internal sealed class JsonBody(Action<ApiWriter> write, Formatting formatting, int statusCode = StatusCodes.Status200OK) : IResult
{
    // ApiResponse.JsonContentType as Results.Text wrote it (it rewrites the charset parameter this way).
    private const string ContentType = "application/json; charset=utf-8";

    // Buffers larger than this are not kept between requests, so one huge answer does not pin memory.
    private const int MaxKeptBytes = 512 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_bytes;

    public JsonBody(JToken body, Formatting formatting, int statusCode = StatusCodes.Status200OK)
        : this(writer => writer.Token(body), formatting, statusCode)
    {
    }

    public async Task ExecuteAsync(HttpContext context)
    {
        // Synchronous until the write: a thread's buffer serves one answer at a time, and is handed back after it.
        var buffer = t_bytes ?? new ArrayBufferWriter<byte>(4096);
        t_bytes = null;
        buffer.ResetWrittenCount();
        if (formatting == Formatting.None)
        {
            write(new ApiUtf8Writer(buffer));
        }
        else
        {
            WriteIndented(write, buffer);
        }

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        if (buffer.Capacity <= MaxKeptBytes)
        {
            t_bytes = buffer;
        }
    }

    /// <summary>Pretty answers (<c>pretty=true</c>, for people) keep Newtonsoft's indented writer: its text, encoded as UTF-8.</summary>
    private static void WriteIndented(Action<ApiWriter> write, ArrayBufferWriter<byte> buffer)
    {
        var text = new StringBuilder(4096);
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        using (var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, ArrayPool = PooledChars.Instance })
        {
            write(new ApiTextWriter(json));
        }

        var encoder = Encoding.UTF8.GetEncoder();
        foreach (var chunk in text.GetChunks())
        {
            var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            buffer.Advance(encoder.GetBytes(chunk.Span, span, flush: false)); // a surrogate pair may span chunks
        }

        buffer.Advance(encoder.GetBytes(ReadOnlySpan<char>.Empty, buffer.GetSpan(8), flush: true));
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
