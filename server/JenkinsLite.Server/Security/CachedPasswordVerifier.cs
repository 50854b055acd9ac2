using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Core.Security.Passwords;
using Microsoft.Extensions.Caching.Memory;

namespace JenkinsLite.Server.Security;

/// <summary>
/// Remembers successful password checks for two minutes, so scripts that send the password with every
/// request do not pay a bcrypt run each time (Jenkins caches user details for as long). The key is an
/// HMAC of the password under a per-process random key, together with the stored hash: nothing
/// reversible is held, a changed password misses at once, and failures are never cached, so guessing
/// gets no faster.
/// </summary>
internal sealed class CachedPasswordVerifier : IPasswordVerifier, IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryCache _successes = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public bool Verify(string? storedHash, string password)
    {
        if (storedHash is null)
        {
            return false;
        }

        var key = storedHash + "\n" + Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(password)));
        if (_successes.TryGetValue(key, out _))
        {
            return true;
        }

        if (!PasswordHash.Verify(storedHash, password))
        {
            return false;
        }

        _successes.Set(key, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return true;
    }

    public void Dispose() => _successes.Dispose();
}
