namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>The inventory's <c>state=</c> filters (token-governance.md section 6).</summary>
public enum InventoryState
{
    Expired,
    Expiring,
    Stale,
    Legacy,
    Unscoped,
    Violating,
}
