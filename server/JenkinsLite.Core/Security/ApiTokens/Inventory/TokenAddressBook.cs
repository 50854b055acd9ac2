using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>
/// From which client address each token was used: the inventory's lastUseAddress and the audit's
/// token.firstUseFromAddress. Kept in memory on the request path and written by <see cref="Flush"/> together with
/// the usage statistics (a <see cref="UserDataBuffer{TEntry}"/>, decisions.md #6); recorded only while usage statistics are on.
/// </summary>
public sealed class TokenAddressBook(ITokenAddressStore store, Func<bool> enabled)
{
    private readonly UserDataBuffer<TokenAddresses> _buffer = new(store.Load, store.Save, "token addresses");

    /// <summary>Records a successful use; true when the token was never seen from this address before.</summary>
    public bool RecordUse(string userId, string tokenUuid, string? address)
    {
        if (!enabled() || string.IsNullOrEmpty(address))
        {
            return false;
        }

        return _buffer.Change(userId, (tokenUuid, address), static (tokens, use) =>
        {
            var old = tokens.GetValueOrDefault(use.tokenUuid);
            if (old?.Last == use.address)
            {
                return (false, false);
            }

            tokens[use.tokenUuid] = old?.With(use.address) ?? new TokenAddresses(use.address, [use.address]);
            return (old is null || !old.Seen.Contains(use.address, StringComparer.Ordinal), true);
        });
    }

    public string? LastAddressOf(string userId, string tokenUuid) =>
        _buffer.Read(userId, tokens => tokens.GetValueOrDefault(tokenUuid)?.Last);

    /// <summary>Drops the addresses of tokens that no longer exist (null: of a deleted user, without writing).</summary>
    public void Forget(string userId, IReadOnlyCollection<string>? tokenUuids) => _buffer.Forget(userId, tokenUuids);

    /// <inheritdoc cref="UserDataBuffer{TEntry}.Flush"/>
    public void Flush() => _buffer.Flush();
}
