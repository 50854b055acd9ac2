using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>One token of the instance as the inventory shows it: never its value or hash.</summary>
public sealed record InventoryRow(
    User Owner,
    TokenView Token,
    TokenGovernance Governance,
    string? LastUseAddress,
    int? UnusedDays,
    bool ExpiringSoon,
    bool Stale,
    bool ViolatesPolicy)
{
    public bool Is(InventoryState state) => state switch
    {
        InventoryState.Expired => Token.Expired,
        InventoryState.Expiring => ExpiringSoon,
        InventoryState.Stale => Stale,
        InventoryState.Legacy => Token.Legacy,
        InventoryState.Unscoped => Governance.ScopeName == "full",
        InventoryState.Violating => ViolatesPolicy,
        _ => false,
    };
}
