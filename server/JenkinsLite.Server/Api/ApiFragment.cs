using System.Buffers;
using System.Runtime.CompilerServices;

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

/// <summary>
/// Fragments of objects that never change (a job's item, a view's config), each kept with what else it shows: the root
/// URL asked for and one more value (a job's colour, the primary view's name). A request that shows the same copies
/// the fragment, another one writes it again. An item no one holds any more takes its fragment with it.
/// </summary>
/// <remarks>The stamp is two strings, not a generic value: the shared code of a generic stamp over reference types
/// looked its comparer up on every call, which cost more than writing the properties.</remarks>
internal sealed class ApiFragmentCache<TItem>(Action<ApiWriter, TItem, string, string?> write)
    where TItem : class
{
    private readonly ConditionalWeakTable<TItem, Entry> _entries = [];

    public ApiFragment Of(TItem item, string rootUrl, string? shown) =>
        _entries.TryGetValue(item, out var known)
        && string.Equals(known.RootUrl, rootUrl, StringComparison.Ordinal)
        && string.Equals(known.Shown, shown, StringComparison.Ordinal)
            ? known.Fragment
            : Write(item, rootUrl, shown);

    // Apart from Of: a lambda's captured parameters are allocated on entry to the method that has it, hit or miss.
    private ApiFragment Write(TItem item, string rootUrl, string? shown)
    {
        var fragment = ApiFragment.Of(writer => write(writer, item, rootUrl, shown));
        _entries.AddOrUpdate(item, new Entry(rootUrl, shown, fragment));
        return fragment;
    }

    private sealed class Entry(string rootUrl, string? shown, ApiFragment fragment)
    {
        public string RootUrl { get; } = rootUrl;

        public string? Shown { get; } = shown;

        public ApiFragment Fragment { get; } = fragment;
    }
}
