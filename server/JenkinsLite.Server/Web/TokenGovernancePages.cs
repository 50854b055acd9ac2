using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.ApiTokens.Inventory;
using JenkinsLite.Server.ApiTokens.Policy;
using JenkinsLite.Server.Security;
using JenkinsLite.Server.Web.Manage;

namespace JenkinsLite.Server.Web;

/// <summary>
/// The admins' token governance pages (token-governance.md sections 2, 6, 7): the policy, every token of the instance
/// with select + revoke, and the audit log. The pages only read; their forms post to the governance endpoints, which
/// check permissions and values themselves. The reminders (section 8) are parts of the layout and of Manage Jenkins.
/// </summary>
internal static class TokenGovernancePages
{
    public static void MapTokenGovernancePages(this IEndpointRouteBuilder app)
    {
        // JenkinsLite: GET /manage/apiTokenPolicy/ (the policy's fields; Administer)
        app.MapRead(PolicyEndpoints.PageUrl, (HttpContext context) => WebPage.Render<TokenPolicyPage>(context)).Requires(Permission.Administer);

        // JenkinsLite: GET /manage/apiTokens/?user=&state= (every token; filter, select and revoke; Administer); 400 for an unknown state
        app.MapRead(InventoryEndpoints.PageUrl, InventoryPage).Requires(Permission.Administer);

        // JenkinsLite: GET /manage/apiTokens/audit/?user=&event=&since=&limit= (the audit log, newest first; Administer); 400 for a bad filter
        app.MapRead(AuditEndpoints.PageUrl, AuditPage).Requires(Permission.Administer);
    }

    private static IResult InventoryPage(HttpContext context)
    {
        var stateText = context.Request.Query["state"].FirstOrDefault();
        return TokenInventoryService.TryParseState(stateText, out var state)
            ? WebPage.Render<TokenInventoryPage>(context, new
            {
                User = context.Request.Query["user"].FirstOrDefault() is { Length: > 0 } user ? user : null,
                StateText = stateText,
                State = state,
            })
            : Failure.Of(context, $"Unknown state '{stateText}'; use one of {string.Join(", ", TokenInventoryService.StateNames)}");
    }

    private static IResult AuditPage(HttpContext context)
    {
        var (query, problem) = AuditEndpoints.QueryOf(context.Request.Query);
        return problem is null
            ? WebPage.Render<TokenAuditPage>(context, new { Query = query!, Since = context.Request.Query["since"].FirstOrDefault() })
            : Failure.Of(context, problem);
    }
}
