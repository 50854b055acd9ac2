using Microsoft.Extensions.Caching.Memory;

namespace JenkinsLite.Server.Security;

/// <summary>
/// Slows down guessing (beyond Jenkins): after too many failed sign-ins for one user from one client
/// address within a window, that pair is answered 429 until the window ends. Other addresses, and so
/// the real owner elsewhere, are not affected.
/// </summary>
internal sealed class AuthFailureThrottle(IMemoryCache cache, int threshold, TimeSpan window, TimeProvider clock)
{
    // The end of the latest window opened (UTC ticks): past it no pair can be throttled, so the usual request,
    // long after any failure, is answered without building a key and looking it up.
    private long _lastWindowEndTicks;

    /// <summary>How long the client must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string userName, string? address)
    {
        if (clock.GetUtcNow().UtcTicks >= Volatile.Read(ref _lastWindowEndTicks)
            || cache.Get<Failures>(Key(userName, address)) is not { } failures)
        {
            return null;
        }

        lock (failures)
        {
            return failures.Count >= threshold ? failures.WindowEnd - clock.GetUtcNow() : null;
        }
    }

    public void RecordFailure(string userName, string? address)
    {
        var failures = cache.GetOrCreate(Key(userName, address), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = window;
            return new Failures(clock.GetUtcNow() + window);
        })!;
        RaiseLastWindowEnd(failures.WindowEnd.UtcTicks);
        lock (failures)
        {
            failures.Count++;
        }
    }

    public void Reset(string userName, string? address) => cache.Remove(Key(userName, address));

    private void RaiseLastWindowEnd(long ticks)
    {
        var seen = Volatile.Read(ref _lastWindowEndTicks);
        while (ticks > seen && Interlocked.CompareExchange(ref _lastWindowEndTicks, ticks, seen) is var found && found != seen)
        {
            seen = found;
        }
    }

    private static string Key(string userName, string? address) => $"auth-failures:{userName.ToLowerInvariant()}@{address}";

    private sealed class Failures(DateTimeOffset windowEnd)
    {
        public DateTimeOffset WindowEnd { get; } = windowEnd;

        public int Count { get; set; }
    }
}
