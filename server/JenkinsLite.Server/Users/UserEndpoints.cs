using System.Text;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.ApiTokens.Policy;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;
using JenkinsLite.Server.Web;
using JenkinsLite.Server.Web.Manage;

namespace JenkinsLite.Server.Users;

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET /me/api/{json,xml,python} (User bean of the caller; anonymous: 403)
        app.MapRead("/me/api/{flavor}", (HttpContext context, string flavor, UserAccounts users) =>
            context.Caller().User is { } me ? Render(context, flavor, me, users) : Forbidden.For(context, null));

        // Emulates GET /user/{id}/api/{json,xml,python} (200; 404 for an unknown user; needs Overall/Read)
        app.MapRead("/user/{id}/api/{flavor}", (HttpContext context, string id, string flavor, UserAccounts users) =>
            users.Find(id) is { } user ? Render(context, flavor, user, users) : Results.NotFound())
            .Requires(Permission.OverallRead);

        // Emulates POST /securityRealm/createAccountByAdmin (HudsonPrivateSecurityRealm: 302 to the list; needs Administer)
        app.MapPostOnly("/securityRealm/createAccountByAdmin", CreateAsync).Requires(Permission.Administer);

        // JenkinsLite: POST /securityRealm/createServiceAccount (username, fullName, description): 302 to the user; 400 for a taken or invalid id
        app.MapPostOnly("/securityRealm/createServiceAccount", CreateServiceAccountAsync).Requires(Permission.Administer);

        // Emulates GET /securityRealm/ (the users page, as /manage/securityRealm/; needs Administer)
        app.MapRead("/securityRealm/", (HttpContext context) => WebPage.Render<UsersPage>(context)).Requires(Permission.Administer);

        // Emulates GET /securityRealm/addUser and /manage/securityRealm/addUser (the "Create User" form; needs Administer)
        app.MapRead("/securityRealm/addUser", (HttpContext context) => WebPage.Render<CreateUserPage>(context)).Requires(Permission.Administer);
        app.MapRead("/manage/securityRealm/addUser", (HttpContext context) => WebPage.Render<CreateUserPage>(context)).Requires(Permission.Administer);

        // Emulates GET /user/{id}/ (the user's page: name, description, and for the user or an admin a summary of the
        // tokens; 404 for an unknown user; needs Overall/Read, as the user's API)
        app.MapRead("/user/{id}/", (HttpContext context, string id, UserAccounts users) =>
            users.Find(id) is { } user ? WebPage.Render<UserPage>(context, new { User = user }) : Results.NotFound())
            .Requires(Permission.OverallRead);

        // Emulates POST /user/{id}/doDelete (302 to /; 400 for oneself; needs Administer)
        app.MapPostOnly("/user/{id}/doDelete", (HttpContext context, string id, UserAccounts users) =>
        {
            if (context.IsUser(id))
            {
                return Text(StatusCodes.Status400BadRequest, "You cannot delete yourself.");
            }

            return users.DeleteUser(id) == UserChange.Done ? Results.Redirect("/") : Results.NotFound();
        }).Requires(Permission.Administer);

        // JenkinsLite: POST /user/{id}/changePassword with password1 and password2 (the user or an admin)
        app.MapPostOnly("/user/{id}/changePassword", ChangePasswordAsync).Requires(Permission.OverallRead);
    }

    private static IResult Render(HttpContext context, string flavor, User user, UserAccounts users)
    {
        var mayManage = context.ControlsUser(user.Id);
        var model = UserModel.Of(user, RootUrl.Of(context), mayManage, mayManage ? users.TokensOf(user) : [],
            context.Service<TokenReminders>().IsExpiringSoon);
        return ApiResponse.Render(context, flavor, model, "user");
    }

    // A refused form comes back (400) with Jenkins' message next to its field and the typed name and full name.
    private static async Task<IResult> CreateAsync(HttpContext context, UserAccounts users)
    {
        var id = (await context.ParamAsync("username"))?.Trim() ?? string.Empty;
        var fullName = await context.ParamAsync("fullname");
        var password = await context.ParamAsync("password1") ?? string.Empty;
        if (password.Length == 0)
        {
            return Refused("password1", "Password is required");
        }

        if (password != await context.ParamAsync("password2"))
        {
            return Refused("password2", "Password didn't match");
        }

        return users.CreateUser(id, password, fullName) switch
        {
            UserChange.Done => Results.Redirect("/manage/securityRealm/"),
            UserChange.AlreadyExists => Refused("username", "User name is already taken"),
            UserChange.InvalidPassword => Refused("password1", "A password is required, of at most 72 bytes."),
            UserChange.Unreadable => Refused("username", $"The file of user '{id}' cannot be read; repair or remove it first.", StatusCodes.Status409Conflict),
            _ => Refused("username", "User name must only contain alphanumeric characters, underscore and dash, and not be a reserved name"),
        };

        IResult Refused(string field, string message, int status = StatusCodes.Status400BadRequest) =>
            WebPage.Render<CreateUserPage>(context, new { UserName = id, FullName = fullName, Problems = new Dictionary<string, string> { [field] = message } }, status);
    }

    /// <summary>A service account (token-governance.md section 4): no password; admins issue its tokens.</summary>
    private static async Task<IResult> CreateServiceAccountAsync(HttpContext context, UserAccounts users)
    {
        var id = (await context.ParamAsync("username"))?.Trim() ?? string.Empty;
        return users.CreateServiceAccount(id, await context.ParamAsync("fullName"), await context.ParamAsync("description")) switch
        {
            UserChange.Done => Results.Redirect("/user/" + Uri.EscapeDataString(UserId.KeyFor(id)) + "/"),
            UserChange.AlreadyExists => Text(StatusCodes.Status400BadRequest, "User name is already taken."),
            UserChange.Unreadable => Text(StatusCodes.Status409Conflict, $"The file of user '{id}' cannot be read; repair or remove it first."),
            _ => Text(StatusCodes.Status400BadRequest, "User name must only contain alphanumeric characters, underscore and dash, and not be a reserved name."),
        };
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, string id, UserAccounts users)
    {
        if (users.Find(id) is null)
        {
            return Results.NotFound();
        }

        if (!context.ControlsUser(id))
        {
            return Forbidden.For(context, Permission.Administer);
        }

        var password = await context.ParamAsync("password1") ?? string.Empty;
        if (password != await context.ParamAsync("password2"))
        {
            return Text(StatusCodes.Status400BadRequest, "Password didn't match.");
        }

        return users.ChangePassword(id, password) switch
        {
            UserChange.Done => ApiResponse.Ok(),
            UserChange.InvalidPassword => Text(StatusCodes.Status400BadRequest, "A password is required, of at most 72 bytes."),
            _ => Results.NotFound(),
        };
    }

    private static IResult Text(int status, string message) =>
        Results.Text(message, "text/plain;charset=utf-8", Encoding.UTF8, status);
}
