using System.Collections.Concurrent;

namespace JenkinsLite.Server.Cli;

/// <summary>Counts open CLI sessions per client address, so one client cannot hold them all (SEC-46).</summary>
internal sealed class CliSessionLimiter
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A slot to dispose when the session ends, or null when the address has <paramref name="max"/> open.</summary>
    public IDisposable? TryEnter(string address, int max)
    {
        while (true)
        {
            var current = _open.GetOrAdd(address, 0);
            if (current >= max)
            {
                return null;
            }

            if (_open.TryUpdate(address, current + 1, current))
            {
                return new Slot(this, address);
            }
        }
    }

    private void Leave(string address)
    {
        while (true)
        {
            var current = _open.GetOrAdd(address, 1);
            if (current <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(address, current)) : _open.TryUpdate(address, current - 1, current))
            {
                return;
            }
        }
    }

    private sealed class Slot(CliSessionLimiter owner, string address) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(address);
            }
        }
    }
}
