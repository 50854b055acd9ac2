using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Server.Users;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.ApiTokens.Inventory;

/// <summary>The exported <c>jenkinslite.ApiTokenInventory</c>: every field of token-governance.md section 6, never a value or hash.</summary>
internal static class InventoryModel
{
    public static JObject Of(IEnumerable<InventoryRow> rows) => new()
    {
        ["_class"] = "jenkinslite.ApiTokenInventory",
        ["tokens"] = new JArray(rows.Select(Row)),
    };

    public static JObject Row(InventoryRow row)
    {
        var token = row.Token;
        var governance = row.Governance;
        return new JObject
        {
            ["userId"] = row.Owner.Id,
            ["fullName"] = row.Owner.FullName,
            ["uuid"] = token.Uuid,
            ["name"] = token.Name,
            ["legacy"] = token.Legacy,
            ["creationDate"] = UserModel.Iso(token.CreationDate),
            ["ageInDays"] = token.AgeInDays,
            ["ageLevel"] = token.AgeLevel.ToString().ToLowerInvariant(),
            ["expirationDate"] = token.ExpirationDate?.ToString("yyyy-MM-dd"),
            ["expired"] = token.Expired,
            ["expiringSoon"] = row.ExpiringSoon,
            ["useCount"] = token.UseCount,
            ["lastUseDate"] = UserModel.Iso(token.LastUseDate),
            ["lastUseAddress"] = row.LastUseAddress,
            ["unusedDays"] = row.UnusedDays,
            ["scope"] = new JObject
            {
                ["name"] = governance.ScopeName,
                ["permissions"] = new JArray(governance.Permissions),
                ["items"] = new JArray(governance.Items),
            },
            ["serviceAccount"] = governance.ServiceAccount,
            ["createdBy"] = governance.CreatedBy,
            ["rotatedTo"] = governance.RotatedTo,
            ["violatesPolicy"] = row.ViolatesPolicy,
        };
    }
}
