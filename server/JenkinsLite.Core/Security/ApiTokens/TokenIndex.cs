using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Core.Security.Secrets;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// Remembers which token a user's secret matched, under a keyed hash of user and secret (the key is random per
/// process and never written), so a user with many tokens is checked against one salted hash instead of all.
/// The user's current token store stays the authority: a remembered token that is gone from it (revoked, rotated
/// out, the user deleted or reloaded) is not found there, and the secret is tried against every token as before;
/// so a revoke refuses every request that reads the user after it. The remembered token is checked with its own
/// salted hash in constant time, and a secret that matches nothing is never remembered. Entries of tokens that
/// are gone are dropped when told (<see cref="Forget"/>), so a server that creates and revokes tokens all day
/// keeps only those of live tokens. A user with <see cref="CheckedDirectly"/> tokens or fewer is not indexed: their
/// salted hashes cost no more than the keyed hash would.
/// </summary>
public sealed class TokenIndex : IDisposable
{
    /// <summary>Entries kept at most; past this the index starts again empty (it only speeds things up).</summary>
    private const int MaxEntries = 1_000_000;

    /// <summary>Up to this many tokens, trying each costs no more than the keyed hash (about two salted hashes).</summary>
    public const int CheckedDirectly = 2;

    private readonly KeyedHash _keyedHash = new();
    private readonly Func<string, string> _identityKeyOf;
    private readonly ConcurrentDictionary<UInt128, (string UserKey, string Uuid)> _tokenUuids = new();

    /// <param name="identityKeyOf">A user id's identity key (case-folded): a secret of one user never finds another's token.</param>
    public TokenIndex(Func<string, string>? identityKeyOf = null) => _identityKeyOf = identityKeyOf ?? (id => id);

    /// <summary>Secrets remembered now.</summary>
    public int Count => _tokenUuids.Count;

    /// <summary>As <see cref="ApiTokenStore.FindMatch(string, DateTimeOffset, out bool)"/> of <paramref name="tokens"/>, the same answer.</summary>
    public HashedToken? FindMatch(string userId, ApiTokenStore tokens, string presented, DateTimeOffset now, out bool matchedExpired)
    {
        matchedExpired = false;
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        if (tokens.Count <= CheckedDirectly)
        {
            return tokens.FindMatch(presented, now, out matchedExpired);
        }

        var user = _identityKeyOf(userId);
        var key = KeyOf(user, presented);
        if (_tokenUuids.TryGetValue(key, out var entry) && tokens.Find(entry.Uuid) is { } remembered
            && remembered.Hash.Matches(presented) && !remembered.IsExpired(now))
        {
            return remembered;
        }

        // Not remembered, gone, or expired: every token, in stored order, as without the index.
        var match = tokens.FindMatch(presented, now, out matchedExpired);
        if (match is null)
        {
            _tokenUuids.TryRemove(key, out _);
            return null;
        }

        if (_tokenUuids.Count >= MaxEntries)
        {
            _tokenUuids.Clear();
        }

        _tokenUuids[key] = (user, match.Uuid);
        return match;
    }

    /// <summary>Drops what was remembered of <paramref name="tokenUuids"/> (null: every token) of a user: they are gone.</summary>
    /// <remarks>A pass over every entry: tokens leave far more rarely than they are checked.</remarks>
    public void Forget(string userId, IReadOnlyCollection<string>? tokenUuids)
    {
        var userKey = _identityKeyOf(userId);
        foreach (var (key, entry) in _tokenUuids)
        {
            if (entry.UserKey == userKey && (tokenUuids is null || tokenUuids.Contains(entry.Uuid)))
            {
                _tokenUuids.TryRemove(key, out _);
            }
        }
    }

    private UInt128 KeyOf(string userKey, string presented)
    {
        // The user, a separator no user id holds, then the secret; wiped after use. 128 bits of the keyed hash
        // suffice as a dictionary key (a collision only costs the slow path: the remembered token must still match).
        var userLength = Encoding.UTF8.GetByteCount(userKey);
        var input = new byte[userLength + 1 + Encoding.UTF8.GetByteCount(presented)];
        Encoding.UTF8.GetBytes(userKey, input);
        input[userLength] = (byte)'\n';
        Encoding.UTF8.GetBytes(presented, input.AsSpan(userLength + 1));
        Span<byte> mac = stackalloc byte[KeyedHash.SizeInBytes];
        _keyedHash.Compute(input, mac);
        CryptographicOperations.ZeroMemory(input);
        return new UInt128(BitConverter.ToUInt64(mac[..8]), BitConverter.ToUInt64(mac[8..16]));
    }

    public void Dispose() => _keyedHash.Dispose();
}
