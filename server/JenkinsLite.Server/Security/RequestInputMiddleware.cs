using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using JenkinsLite.Server.Api;

namespace JenkinsLite.Server.Security;

/// <summary>
/// Where request input enters: the path, the query and a urlencoded form must decode to valid UTF-8 and
/// hold no control characters (a value may keep tabs and line breaks, a path none), else 400 before any
/// endpoint runs. Decoders elsewhere would silently turn bad bytes into U+FFFD, and a NUL cannot be saved in XML.
/// </summary>
internal sealed class RequestInputMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? string.Empty;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target.AsSpan() : target.AsSpan(0, queryStart);
        var refusal =
            !IsClean(path, plusIsSpace: false, lineBreaksAllowed: false) ? "The URL path is not valid UTF-8 or holds a control character."
            : !IsClean(request.QueryString.Value, plusIsSpace: true, lineBreaksAllowed: true) ? "The query string is not valid UTF-8 or holds a control character."
            : null;
        return refusal is not null ? Failure.Of(context, refusal).ExecuteAsync(context)
            : IsUrlEncoded(request) ? CheckFormAsync(context) // only a form needs waiting for
            : next(context);
    }

    private async Task CheckFormAsync(HttpContext context)
    {
        if (!await FormIsCleanAsync(context))
        {
            await Failure.Of(context, "The form is not valid UTF-8 or holds a control character.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool IsUrlEncoded(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    // Reads the form's raw bytes once and rewinds, so the endpoint's own form reading sees the same body.
    private static async Task<bool> FormIsCleanAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        using var raw = new MemoryStream();
        await context.Request.Body.CopyToAsync(raw, context.RequestAborted);
        context.Request.Body.Position = 0;
        return IsClean(raw.GetBuffer().AsSpan(0, (int)raw.Length), plusIsSpace: true, lineBreaksAllowed: true);
    }

    // Most requests are printable ASCII without escapes: clean as they stand, checked without copying.
    private static bool IsClean(ReadOnlySpan<char> encoded, bool plusIsSpace, bool lineBreaksAllowed) =>
        (!encoded.ContainsAnyExceptInRange((char)0x20, (char)0x7E) && !encoded.Contains('%'))
        || IsClean(Utf8Of(encoded), plusIsSpace, lineBreaksAllowed);

    private static byte[] Utf8Of(ReadOnlySpan<char> text)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text)];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    // Percent-escapes are decoded to the bytes they stand for; a '%' that starts no escape is kept, as ASP.NET's
    // own decoder does. UTF-8 never uses bytes below 0x80 inside a multi-byte sequence, so a byte check is exact.
    private static bool IsClean(ReadOnlySpan<byte> encoded, bool plusIsSpace, bool lineBreaksAllowed)
    {
        var decoded = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == '%' && i + 2 < encoded.Length && HexValue(encoded[i + 1]) is >= 0 and var high && HexValue(encoded[i + 2]) is >= 0 and var low)
            {
                b = (byte)((high << 4) | low);
                i += 2;
            }
            else if (b == '+' && plusIsSpace)
            {
                b = (byte)' ';
            }

            if ((b < 0x20 && !(lineBreaksAllowed && b is (byte)'\t' or (byte)'\n' or (byte)'\r')) || b == 0x7F)
            {
                return false;
            }

            decoded[length++] = b;
        }

        return Utf8.IsValid(decoded.AsSpan(0, length));
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
