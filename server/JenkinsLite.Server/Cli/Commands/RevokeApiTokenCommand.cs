using JenkinsLite.Core.Users;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>JenkinsLite: <c>revoke-api-token UUID-or-NAME [--user USER]</c>; revoking the legacy entry clears the legacy token.</summary>
internal sealed class RevokeApiTokenCommand : ICliCommand
{
    public string Name => "revoke-api-token";

    public string Summary => "Revokes an API token, given its UUID or its name.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["TOKEN"], 1, TokenCommandSupport.UserOption);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.RequireTokenManagement();
        var users = context.Instance.Users;
        var user = TokenCommandSupport.ControlledUser(context, arguments.Value("--user"));
        var token = TokenCommandSupport.FindToken(users, user, arguments.At(0)!);
        var outcome = users.RevokeToken(user.Id, token.Uuid);
        if (outcome != TokenChange.Done)
        {
            throw TokenCommandSupport.Problem(outcome);
        }

        await context.Err.WriteLineAsync($"Revoked API token '{token.Name}' ({token.Uuid}) of {user.Id}.", cancellationToken);
        return CliExit.Ok;
    }
}
