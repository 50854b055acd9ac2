using System.Text;
using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// A running build's console: bytes go to <c>builds/&lt;n&gt;/log</c> as they come. When the build has
/// password values, output is written a line at a time so each value can be replaced by ****.
/// </summary>
internal sealed class ConsoleLog(Stream log, IReadOnlyList<string> secrets) : IAsyncDisposable
{
    private const int LongestHeldLine = 64 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<byte> _partial = [];
    private readonly string[] _secrets = [.. secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length)];

    /// <summary>Why the log could not be written, once it could not; later output is dropped.</summary>
    public Exception? WriteFailure { get; private set; }

    public async Task WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_secrets.Length == 0)
            {
                await WriteToDiskAsync(chunk, ct);
                return;
            }

            _partial.AddRange(chunk.Span);
            var end = _partial.LastIndexOf((byte)'\n');
            if (end < 0 && _partial.Count < LongestHeldLine)
            {
                return;
            }

            var take = end < 0 ? _partial.Count : end + 1;
            await WriteMaskedAsync([.. _partial.GetRange(0, take)], ct);
            _partial.RemoveRange(0, take);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task WriteLineAsync(string text, CancellationToken ct = default) => WriteAsync(Encoding.UTF8.GetBytes(text + "\n"), ct);

    /// <summary>Writes what is held back (a last line without newline).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_partial.Count > 0)
            {
                await WriteMaskedAsync([.. _partial], ct);
                _partial.Clear();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        await log.DisposeAsync();
        _gate.Dispose();
    }

    private async Task WriteMaskedAsync(byte[] bytes, CancellationToken ct)
    {
        var text = Encoding.UTF8.GetString(bytes);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, ParameterValue.Mask, StringComparison.Ordinal);
        }

        await WriteToDiskAsync(Encoding.UTF8.GetBytes(text), ct);
    }

    // Once the disk refuses the log (full, broken, read-only), output is still read and dropped, so the
    // step never blocks on a pipe nobody drains; the runner then fails the build with the reason.
    private async Task WriteToDiskAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        if (WriteFailure is not null)
        {
            return;
        }

        try
        {
            await log.WriteAsync(bytes, ct);
            await log.FlushAsync(ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteFailure = e;
        }
    }
}
