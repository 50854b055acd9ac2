using JenkinsLite.Core.Security.ApiTokens.Policy;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>Every token of every user, legacy ones included, with what the policy says of each (token-governance.md section 6).</summary>
public static class TokenInventory
{
    /// <summary>The rows, by user then token name; <paramref name="user"/> and <paramref name="state"/> filter when given.</summary>
    public static IReadOnlyList<InventoryRow> Rows(
        UserAccounts users,
        TokenAddressBook addresses,
        ApiTokenPolicy policy,
        Func<string, bool> isAdmin,
        DateTimeOffset now,
        string? user = null,
        InventoryState? state = null)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var owners = user is null ? users.All : users.Find(user) is { } one ? [one] : [];
        var rows = new List<InventoryRow>();
        foreach (var owner in owners)
        {
            foreach (var view in users.TokensOf(owner))
            {
                var token = owner.Tokens.Find(view.Uuid)!;
                var governance = TokenGovernance.Of(owner, token);
                var unused = UnusedTokens.UnusedDays(view, now);
                var creationDay = view.CreationDate is { } created ? DateOnly.FromDateTime(created.UtcDateTime) : (DateOnly?)null;
                var row = new InventoryRow(
                    owner,
                    view,
                    governance,
                    addresses.LastAddressOf(owner.Id, view.Uuid),
                    unused,
                    policy.IsExpiringSoon(view.ExpirationDate, today),
                    unused >= policy.StaleAfterDays,
                    policy.IsViolatedBy(view.ExpirationDate, creationDay, governance.ScopeName, isAdmin(owner.Id)));
                if (state is null || row.Is(state.Value))
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }
}
