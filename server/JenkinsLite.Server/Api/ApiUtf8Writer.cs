using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Api;

/// <summary>
/// A model written straight to compact JSON as UTF-8: the bytes Newtonsoft's writer gives for the same calls
/// (its default escaping: quotes, backslashes, control characters, U+0085, U+2028 and U+2029; every other
/// character as it is), without its text stage and the pass that encodes the text afterwards.
/// </summary>
internal sealed class ApiUtf8Writer(ArrayBufferWriter<byte> output) : ApiWriter
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017"
        + "\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\\u0085\u2028\u2029");

    // The same characters among ASCII, as bytes: the search of text that turned out to be ASCII.
    private static readonly SearchValues<byte> EscapedAscii = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    // A string is written in slices of at most this many characters, each into room reserved once: a character takes
    // at most 6 bytes (an escape), and a separator, two quotes and a colon may surround it.
    private const int SliceChars = 1024;

    // Whether the next value or name follows another in its object or array.
    private bool _afterItem;

    public override void StartObject() => Open((byte)'{');

    public override void EndObject() => Close((byte)'}');

    public override void StartArray() => Open((byte)'[');

    public override void EndArray() => Close((byte)']');

    public override void Name(string name)
    {
        Quoted(name, isName: true);
        _afterItem = false;
    }

    public override void String(string? value)
    {
        if (value is null)
        {
            Separate();
            Raw("null"u8);
        }
        else
        {
            Quoted(value, isName: false);
        }

        _afterItem = true;
    }

    public override void Number(long value)
    {
        Separate();
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
        _afterItem = true;
    }

    public override void Bool(bool value)
    {
        Separate();
        Raw(value ? "true"u8 : "false"u8);
        _afterItem = true;
    }

    public override void Null()
    {
        Separate();
        Raw("null"u8);
        _afterItem = true;
    }

    /// <summary>A ready JToken, written by Newtonsoft itself (the rare path).</summary>
    public override void Token(JToken token)
    {
        Separate();
        Utf8(token.ToString(Formatting.None));
        _afterItem = true;
    }

    /// <summary>The fragment's bytes, copied: they are what this writer wrote for the same calls.</summary>
    public override void Fragment(ApiFragment fragment)
    {
        if (fragment.Utf8.Length == 0)
        {
            return;
        }

        Separate();
        Raw(fragment.Utf8);
        _afterItem = true;
    }

    private void Open(byte bracket)
    {
        Separate();
        output.GetSpan(1)[0] = bracket;
        output.Advance(1);
        _afterItem = false;
    }

    private void Close(byte bracket)
    {
        output.GetSpan(1)[0] = bracket;
        output.Advance(1);
        _afterItem = true;
    }

    private void Separate()
    {
        if (_afterItem)
        {
            output.GetSpan(1)[0] = (byte)',';
            output.Advance(1);
        }
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    // The separator, the quoted text and a name's colon, each slice with one reservation and one advance: most strings
    // are one slice, so a name or a value costs two calls on the buffer rather than one per part.
    private void Quoted(string value, bool isName)
    {
        var text = value.AsSpan();
        var span = output.GetSpan((Math.Min(text.Length, SliceChars) * 6) + 4);
        var length = 0;
        if (_afterItem)
        {
            span[length++] = (byte)',';
        }

        span[length++] = (byte)'"';
        while (text.Length > SliceChars)
        {
            // A surrogate pair stays within one slice, so it is encoded as the pair it is.
            var slice = text[..(char.IsHighSurrogate(text[SliceChars - 1]) ? SliceChars - 1 : SliceChars)];
            length += Escape(slice, span[length..]);
            output.Advance(length);
            text = text[slice.Length..];
            span = output.GetSpan((Math.Min(text.Length, SliceChars) * 6) + 4);
            length = 0;
        }

        length += Escape(text, span[length..]);
        span[length++] = (byte)'"';
        if (isName)
        {
            span[length++] = (byte)':';
        }

        output.Advance(length);
    }

    private static int Escape(ReadOnlySpan<char> text, Span<byte> destination)
    {
        // Most text (names, URLs, colours) is ASCII with nothing to escape: its ASCII start is copied at once and
        // checked as bytes; what is copied before the first character to escape stands, and the rest goes on below.
        Ascii.FromUtf16(text, destination, out var copied);
        var length = destination[..copied].IndexOfAny(EscapedAscii) is var escape and >= 0 ? escape : copied;
        text = text[length..];
        while (text.IndexOfAny(Escaped) is var next and >= 0)
        {
            // An escaped character is never a surrogate, so no pair is split here; a lone surrogate becomes
            // U+FFFD, as the encoding of Newtonsoft's text did.
            length += Utf8(text[..next], destination[length..]);
            length += Escape(text[next], destination[length..]);
            text = text[(next + 1)..];
        }

        return length + Utf8(text, destination[length..]);
    }

    private static int Escape(char c, Span<byte> destination)
    {
        var escape = c switch
        {
            '"' => "\\\""u8,
            '\\' => "\\\\"u8,
            '\n' => "\\n"u8,
            '\r' => "\\r"u8,
            '\t' => "\\t"u8,
            '\f' => "\\f"u8,
            '\b' => "\\b"u8,
            _ => default,
        };
        if (!escape.IsEmpty)
        {
            escape.CopyTo(destination);
            return escape.Length;
        }

        "\\u"u8.CopyTo(destination);
        ((int)c).TryFormat(destination[2..6], out _, "x4", System.Globalization.CultureInfo.InvariantCulture); // lowercase, as Newtonsoft
        return 6;
    }

    // Most text is ASCII, which Ascii copies at once; from the first other character on, UTF-8's encoder takes over.
    private static int Utf8(ReadOnlySpan<char> text, Span<byte> destination) =>
        Ascii.FromUtf16(text, destination, out var written) == OperationStatus.Done
            ? written
            : written + Encoding.UTF8.GetBytes(text[written..], destination[written..]);

    private void Utf8(ReadOnlySpan<char> text) =>
        output.Advance(Utf8(text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
}
