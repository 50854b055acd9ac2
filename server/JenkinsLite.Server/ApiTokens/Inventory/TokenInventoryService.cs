using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.ApiTokens.Policy;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.ApiTokens.Inventory;

/// <summary>The inventory of the running instance: its users, the policy in force, the addresses seen, the clock.</summary>
internal sealed class TokenInventoryService(JenkinsInstance instance, TokenPolicy policy, TokenAddressBook addresses)
{
    public IReadOnlyList<InventoryRow> Rows(string? user = null, InventoryState? state = null) =>
        TokenInventory.Rows(instance.Users, addresses, policy.Current, IsAdmin, instance.Options.Clock.GetUtcNow(), user, state);

    /// <summary>The <c>state=</c> value as a filter; false for a name that is not one.</summary>
    public static bool TryParseState(string? text, out InventoryState? state)
    {
        state = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (Enum.TryParse<InventoryState>(text, ignoreCase: false, out var parsed) || Enum.TryParse(text, ignoreCase: true, out parsed))
        {
            state = parsed;
            return text.All(char.IsLower);
        }

        return false;
    }

    /// <summary>The state names as the API spells them.</summary>
    public static IEnumerable<string> StateNames => Enum.GetNames<InventoryState>().Select(n => n.ToLowerInvariant());

    private bool IsAdmin(string userId) =>
        instance.Security.Authorization.HasPermission(Caller.User(userId, []), Permission.Administer);
}
