using System.Text;
using JenkinsLite.Core.Security.Passwords;
using JenkinsLite.Core.Security.Secrets;
using Microsoft.Extensions.Caching.Memory;

namespace JenkinsLite.Server.Security;

/// <summary>
/// Remembers successful password checks for two minutes, so scripts that send the password with every
/// request do not pay a bcrypt run each time (Jenkins caches user details for as long). The key is an
/// HMAC of the password under a per-process random key, together with the stored hash: nothing
/// reversible is held, a changed password misses at once, and failures are never cached, so guessing
/// gets no faster. A remembered success never waits; every hash that does run takes a slot of
/// <paramref name="limiter"/>.
/// </summary>
internal sealed class CachedPasswordVerifier(PasswordHashLimiter limiter, Func<string, string, bool> hash) : IPasswordVerifier, IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly KeyedHash _keyedHash = new();
    private readonly MemoryCache _successes = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public ValueTask<PasswordCheck> VerifyAsync(string? storedHash, string password, CancellationToken cancellationToken)
    {
        if (storedHash is null)
        {
            return ValueTask.FromResult(PasswordCheck.Mismatch);
        }

        Span<byte> mac = stackalloc byte[KeyedHash.SizeInBytes];
        _keyedHash.Compute(Encoding.UTF8.GetBytes(password), mac);
        var key = storedHash + "\n" + Convert.ToHexString(mac);
        return _successes.TryGetValue(key, out _)
            ? ValueTask.FromResult(PasswordCheck.Match)
            : HashAsync(storedHash, password, key, cancellationToken);
    }

    public void Dispose()
    {
        _successes.Dispose();
        _keyedHash.Dispose();
    }

    private async ValueTask<PasswordCheck> HashAsync(string storedHash, string password, string key, CancellationToken cancellationToken) =>
        // Checks of one password that queued together (a script's first burst): the first success, remembered
        // before its slot is freed, answers the rest without a hash.
        await limiter.RunAsync(() => _successes.TryGetValue(key, out _) || HashAndRemember(storedHash, password, key), cancellationToken) switch
        {
            null => PasswordCheck.Busy,
            false => PasswordCheck.Mismatch,
            true => PasswordCheck.Match,
        };

    private bool HashAndRemember(string storedHash, string password, string key)
    {
        if (!hash(storedHash, password))
        {
            return false;
        }

        _successes.Set(key, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return true;
    }
}
