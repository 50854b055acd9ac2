using System.Buffers.Binary;
using System.Text;

namespace JenkinsLite.Protocol.Cli;

/// <summary>
/// Java's <c>DataOutputStream.writeUTF</c>/<c>readUTF</c>: a uint16 big-endian byte count, then "modified
/// UTF-8": U+0000 as <c>C0 80</c>, and each UTF-16 unit on its own, so a character outside the BMP is two
/// 3-byte surrogates, never a 4-byte sequence.
/// </summary>
public static class ModifiedUtf8
{
    /// <summary>The most encoded bytes one string may have (the uint16 count).</summary>
    public const int MaxEncodedLength = ushort.MaxValue;

    /// <summary>The encoded length of <paramref name="value"/>, without the 2-byte count.</summary>
    public static int EncodedLength(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = 0;
        foreach (var c in value)
        {
            length += c is >= '\u0001' and <= '\u007f' ? 1 : c <= '\u07ff' ? 2 : 3;
        }

        return length;
    }

    /// <summary>The count and the bytes, as Java writes them; throws when the string needs more than 65535 bytes.</summary>
    public static byte[] Encode(string value)
    {
        var length = EncodedLength(value);
        if (length > MaxEncodedLength)
        {
            throw new ArgumentException($"The string needs {length} encoded bytes; at most {MaxEncodedLength} fit.", nameof(value));
        }

        var bytes = new byte[2 + length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)length);
        var i = 2;
        foreach (var c in value)
        {
            if (c is >= '\u0001' and <= '\u007f')
            {
                bytes[i++] = (byte)c;
            }
            else if (c <= '\u07ff')
            {
                bytes[i++] = (byte)(0xC0 | (c >> 6));
                bytes[i++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                bytes[i++] = (byte)(0xE0 | (c >> 12));
                bytes[i++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[i++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        return bytes;
    }

    /// <summary>
    /// Reads one counted string from the start of <paramref name="data"/>; <paramref name="consumed"/> is the
    /// bytes used. Malformed input (as Java's readUTF rejects it) is a <see cref="CliProtocolException"/>.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> data, out int consumed)
    {
        if (data.Length < 2)
        {
            throw new CliProtocolException("A string is cut short before its length.");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (data.Length < 2 + length)
        {
            throw new CliProtocolException($"A string announces {length} bytes but the frame has {data.Length - 2}.");
        }

        var bytes = data.Slice(2, length);
        var text = new StringBuilder(length);
        for (var i = 0; i < bytes.Length;)
        {
            int b = bytes[i];
            if (b < 0x80)
            {
                text.Append((char)b);
                i++;
            }
            else if ((b & 0xE0) == 0xC0)
            {
                if (i + 1 >= bytes.Length || (bytes[i + 1] & 0xC0) != 0x80)
                {
                    throw Malformed(i);
                }

                text.Append((char)(((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)));
                i += 2;
            }
            else if ((b & 0xF0) == 0xE0)
            {
                if (i + 2 >= bytes.Length || (bytes[i + 1] & 0xC0) != 0x80 || (bytes[i + 2] & 0xC0) != 0x80)
                {
                    throw Malformed(i);
                }

                text.Append((char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
                i += 3;
            }
            else
            {
                throw Malformed(i);
            }
        }

        consumed = 2 + length;
        return text.ToString();
    }

    private static CliProtocolException Malformed(int index) =>
        new($"Malformed modified UTF-8 at byte {index} of a string.");
}
