namespace JenkinsLite.Server.Security;

/// <summary>
/// Lets at most a fixed number of password hashes (bcrypt, PBKDF2: tens of milliseconds of CPU each) run at
/// once, so a flood of wrong passwords cannot take every processor and thread from token requests (issue 13).
/// The others wait for a slot without holding a thread (a blocking wait on many request threads would starve
/// the thread pool instead), and give up after <c>maxWait</c>.
/// </summary>
internal sealed class PasswordHashLimiter(int slots, TimeSpan maxWait, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(slots, slots);

    /// <summary>The result of <paramref name="hash"/>, run once a slot is free; null when none came free within the wait.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting (the client left).</exception>
    public async ValueTask<bool?> RunAsync(Func<bool> hash, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, cancellationToken))
        {
            using var timeout = new CancellationTokenSource(maxWait, clock);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await _slots.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        try
        {
            return hash();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
