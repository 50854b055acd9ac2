using System.Collections.Immutable;
using System.Security.Cryptography;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// A user's named tokens, as Jenkins' ApiTokenStore. Immutable: every change gives a new store, so a
/// request that reads one never sees a half-made change, and a failed save leaves the old one in force.
/// </summary>
public sealed class ApiTokenStore
{
    public static readonly ApiTokenStore Empty = new([]);

    private ApiTokenStore(ImmutableArray<HashedToken> tokens) => Tokens = tokens;

    /// <summary>Tokens in stored order (Jenkins matches in this order; the first match wins).</summary>
    /// <remarks>An array, not an immutable list: a home of 100,000 users holds a store each, and a list's tree node per token cost more than the token's pointer.</remarks>
    public ImmutableArray<HashedToken> Tokens { get; }

    public static ApiTokenStore Of(IEnumerable<HashedToken> tokens) => new([.. tokens]);

    public int Count => Tokens.Length;

    public HashedToken? Find(string uuid) => IndexOf(new TokenUuid(uuid)) is var index and >= 0 ? Tokens[index] : null;

    public HashedToken? Legacy => Tokens.FirstOrDefault(t => t.IsLegacy);

    /// <summary>
    /// Tries every token, with no early exit, so the time taken does not tell which token (if any)
    /// matched. Expired tokens never match; <paramref name="matchedExpired"/> says one would have.
    /// </summary>
    public HashedToken? FindMatch(string presented, DateOnly today, out bool matchedExpired) =>
        FindMatch(presented, token => token.IsExpired(today), out matchedExpired);

    /// <summary>As the other overload, with rotated tokens' grace windows ending to the minute.</summary>
    public HashedToken? FindMatch(string presented, DateTimeOffset now, out bool matchedExpired) =>
        FindMatch(presented, token => token.IsExpired(now), out matchedExpired);

    private HashedToken? FindMatch(string presented, Func<HashedToken, bool> expired, out bool matchedExpired)
    {
        matchedExpired = false;
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var secret = TokenSecret.SecretBytesOf(presented);
        // Jenkins' unsalted forms compare against one plain digest; a store of salted tokens alone never needs it.
        var digest = Tokens.Any(token => !token.Hash.IsSalted) ? SHA256.HashData(secret) : [];
        HashedToken? match = null;
        foreach (var token in Tokens)
        {
            if (!token.Hash.Matches(secret, digest))
            {
                continue;
            }

            if (expired(token))
            {
                matchedExpired = true;
            }
            else
            {
                match ??= token;
            }
        }

        return match;
    }

    public ApiTokenStore Add(HashedToken token) => new(Tokens.Add(token));

    public ApiTokenStore Replace(HashedToken token)
    {
        var index = IndexOf(token.StoredUuid);
        return index < 0 ? this : new(Tokens.SetItem(index, token));
    }

    public ApiTokenStore Remove(string uuid)
    {
        var removed = new TokenUuid(uuid);
        return new(Tokens.RemoveAll(t => t.StoredUuid == removed));
    }

    public ApiTokenStore RemoveAllExcept(string uuid)
    {
        var kept = new TokenUuid(uuid);
        return new(Tokens.RemoveAll(t => t.StoredUuid != kept));
    }

    public ApiTokenStore RemoveLegacy() => new(Tokens.RemoveAll(t => t.IsLegacy));

    // Compares uuids as kept (TokenUuid), so finding a token makes no string for any of them.
    private int IndexOf(TokenUuid uuid)
    {
        for (var i = 0; i < Tokens.Length; i++)
        {
            if (Tokens[i].StoredUuid == uuid)
            {
                return i;
            }
        }

        return -1;
    }
}
