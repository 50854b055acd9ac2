using JenkinsLite.Core.Users;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>JenkinsLite: <c>rename-api-token UUID-or-NAME NEW_NAME [--user USER]</c>.</summary>
internal sealed class RenameApiTokenCommand : ICliCommand
{
    public string Name => "rename-api-token";

    public string Summary => "Renames an API token, given its UUID or its current name.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["TOKEN", "NEW_NAME"], 2, TokenCommandSupport.UserOption);

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.RequireTokenManagement();
        var users = context.Instance.Users;
        var user = TokenCommandSupport.ControlledUser(context, arguments.Value("--user"));
        var token = TokenCommandSupport.FindToken(users, user, arguments.At(0)!);
        var outcome = users.RenameToken(user.Id, token.Uuid, arguments.At(1));
        return outcome == TokenChange.Done ? Task.FromResult(CliExit.Ok) : throw TokenCommandSupport.Problem(outcome);
    }
}
