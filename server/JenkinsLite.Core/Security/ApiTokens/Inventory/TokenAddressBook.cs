using System.Collections.Concurrent;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>
/// From which client address each token was used: the inventory's lastUseAddress and the audit's
/// token.firstUseFromAddress. Kept in memory on the request path and written by <see cref="Flush"/> together with
/// the usage statistics (decisions.md #6); recorded only while usage statistics are on.
/// </summary>
public sealed class TokenAddressBook(ITokenAddressStore store, Func<bool> enabled)
{
    private readonly ConcurrentDictionary<string, UserAddresses> _byUser = new();

    /// <summary>Records a successful use; true when the token was never seen from this address before.</summary>
    public bool RecordUse(string userId, string tokenUuid, string? address)
    {
        if (!enabled() || string.IsNullOrEmpty(address))
        {
            return false;
        }

        var user = Of(userId);
        lock (user)
        {
            var old = user.Tokens.GetValueOrDefault(tokenUuid);
            if (old?.Last == address)
            {
                return false;
            }

            user.Tokens[tokenUuid] = old?.With(address) ?? new TokenAddresses(address, [address]);
            user.Dirty = true;
            return old is null || !old.Seen.Contains(address, StringComparer.Ordinal);
        }
    }

    public string? LastAddressOf(string userId, string tokenUuid)
    {
        var user = Of(userId);
        lock (user)
        {
            return user.Tokens.GetValueOrDefault(tokenUuid)?.Last;
        }
    }

    /// <summary>Writes every changed user; a failed one stays dirty for the next time, and one IOException reports them.</summary>
    public void Flush()
    {
        var failures = 0;
        Exception? first = null;
        foreach (var user in _byUser.Values)
        {
            Dictionary<string, TokenAddresses> snapshot;
            lock (user)
            {
                if (!user.Dirty)
                {
                    continue;
                }

                snapshot = new Dictionary<string, TokenAddresses>(user.Tokens, StringComparer.Ordinal);
                user.Dirty = false;
            }

            try
            {
                store.Save(user.UserId, snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                lock (user)
                {
                    user.Dirty = true;
                }

                first ??= e;
                failures++;
            }
        }

        if (first is not null)
        {
            throw new IOException($"The token addresses of {failures} user(s) could not be written.", first);
        }
    }

    private UserAddresses Of(string userId) =>
        _byUser.GetOrAdd(UserId.KeyFor(userId), _ => new UserAddresses(userId, store.Load(userId)));

    private sealed class UserAddresses(string userId, IReadOnlyDictionary<string, TokenAddresses> loaded)
    {
        public string UserId { get; } = userId;

        public Dictionary<string, TokenAddresses> Tokens { get; } = new(loaded, StringComparer.Ordinal);

        public bool Dirty { get; set; }
    }
}
