namespace JenkinsLite.Server.Tests.Security;

/// <summary>
/// Password hashes that block their thread while held, as a long bcrypt would, counting how many run at once:
/// a test can then take every slot of the cap for as long as it needs, without depending on timing.
/// </summary>
internal sealed class BlockingHashes(bool held) : IDisposable
{
    /// <summary>How long a test waits for something that takes milliseconds; only reached when it fails.</summary>
    public static readonly TimeSpan TestDeadline = TimeSpan.FromSeconds(30);

    private readonly ManualResetEventSlim _released = new(!held);
    private int _running;
    private int _mostAtOnce;

    public int Running => Volatile.Read(ref _running);

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public bool Run(Func<bool> hash)
    {
        var now = Interlocked.Increment(ref _running);
        var seen = Volatile.Read(ref _mostAtOnce);
        while (now > seen && Interlocked.CompareExchange(ref _mostAtOnce, now, seen) is var previous && previous != seen)
        {
            seen = previous;
        }

        try
        {
            _released.Wait();
            return hash();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async Task WaitUntilRunningAsync(int count)
    {
        using var deadline = new CancellationTokenSource(TestDeadline);
        while (Running < count)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    public void Hold() => _released.Reset();

    public void Release() => _released.Set();

    public void Dispose() => _released.Dispose();
}
