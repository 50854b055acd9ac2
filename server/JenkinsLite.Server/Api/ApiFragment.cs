using System.Buffers;

namespace JenkinsLite.Server.Api;

/// <summary>
/// Properties of an object written once and reused while what they show stays the same (a job's class, name and
/// URL in every list of jobs): compact JSON copies their UTF-8 bytes, every other writer has them written again.
/// </summary>
internal sealed class ApiFragment
{
    private readonly Action<ApiWriter> _write;

    private ApiFragment(Action<ApiWriter> write, byte[] utf8)
    {
        _write = write;
        Utf8 = utf8;
    }

    /// <summary>The properties as compact JSON, <c>"a":1,"b":2</c>: no braces, no leading comma.</summary>
    public byte[] Utf8 { get; }

    /// <param name="write">Writes properties only (names and their values) inside an object someone else opens.</param>
    public static ApiFragment Of(Action<ApiWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        write(new ApiUtf8Writer(buffer));
        return new ApiFragment(write, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Writes the properties through <paramref name="writer"/>'s own calls (pretty JSON, tree=, XML, Python).</summary>
    public void WriteTo(ApiWriter writer) => _write(writer);
}
