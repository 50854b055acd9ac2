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
internal sealed class ApiUtf8Writer(IBufferWriter<byte> output) : ApiWriter
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017"
        + "\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\\u0085\u2028\u2029");

    // Whether the next value or name follows another in its object or array.
    private bool _afterItem;

    public override void StartObject() => Open((byte)'{');

    public override void EndObject() => Close((byte)'}');

    public override void StartArray() => Open((byte)'[');

    public override void EndArray() => Close((byte)']');

    public override void Name(string name)
    {
        Separate();
        Quoted(name);
        Raw(":"u8);
        _afterItem = false;
    }

    public override void String(string? value)
    {
        Separate();
        if (value is null)
        {
            Raw("null"u8);
        }
        else
        {
            Quoted(value);
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

    private void Quoted(string value)
    {
        Raw("\""u8);
        var rest = value.AsSpan();
        while (rest.IndexOfAny(Escaped) is var next and >= 0)
        {
            // An escaped character is never a surrogate, so no pair is split here; a lone surrogate becomes
            // U+FFFD, as the encoding of Newtonsoft's text did.
            Utf8(rest[..next]);
            Escape(rest[next]);
            rest = rest[(next + 1)..];
        }

        Utf8(rest);
        Raw("\""u8);
    }

    private void Escape(char c)
    {
        switch (c)
        {
            case '"': Raw("\\\""u8); break;
            case '\\': Raw("\\\\"u8); break;
            case '\n': Raw("\\n"u8); break;
            case '\r': Raw("\\r"u8); break;
            case '\t': Raw("\\t"u8); break;
            case '\f': Raw("\\f"u8); break;
            case '\b': Raw("\\b"u8); break;
            default:
                var span = output.GetSpan(6);
                "\\u"u8.CopyTo(span);
                ((int)c).TryFormat(span[2..6], out _, "x4", System.Globalization.CultureInfo.InvariantCulture); // lowercase, as Newtonsoft
                output.Advance(6);
                break;
        }
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var written = Encoding.UTF8.GetBytes(text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        output.Advance(written);
    }
}
