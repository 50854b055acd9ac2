using System.Collections.Immutable;
using System.Security.Cryptography;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// A user's named tokens, as Jenkins' ApiTokenStore. Immutable: every change gives a new store, so a
/// request that reads one never sees a half-made change, and a failed save leaves the old one in force.
/// </summary>
public sealed class ApiTokenStore
{
    public static readonly ApiTokenStore Empty = new(ImmutableList<HashedToken>.Empty);

    private ApiTokenStore(ImmutableList<HashedToken> tokens) => Tokens = tokens;

    /// <summary>Tokens in stored order (Jenkins matches in this order; the first match wins).</summary>
    public ImmutableList<HashedToken> Tokens { get; }

    public static ApiTokenStore Of(IEnumerable<HashedToken> tokens) => new(tokens.ToImmutableList());

    public int Count => Tokens.Count;

    public HashedToken? Find(string uuid) => Tokens.Find(t => t.Uuid == uuid);

    public HashedToken? Legacy => Tokens.Find(t => t.IsLegacy);

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
        var digest = Tokens.Exists(token => !token.Hash.IsSalted) ? SHA256.HashData(secret) : [];
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
        var index = Tokens.FindIndex(t => t.Uuid == token.Uuid);
        return index < 0 ? this : new(Tokens.SetItem(index, token));
    }

    public ApiTokenStore Remove(string uuid) => new(Tokens.RemoveAll(t => t.Uuid == uuid));

    public ApiTokenStore RemoveAllExcept(string uuid) => new(Tokens.RemoveAll(t => t.Uuid != uuid));

    public ApiTokenStore RemoveLegacy() => new(Tokens.RemoveAll(t => t.IsLegacy));
}
