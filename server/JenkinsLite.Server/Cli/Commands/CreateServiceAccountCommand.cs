using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>JenkinsLite: <c>create-service-account ID [--full-name NAME]</c> (admin): a user with no password, to hold tokens.</summary>
internal sealed class CreateServiceAccountCommand : ICliCommand
{
    public string Name => "create-service-account";

    public string Summary => "Creates a service account: a user without a password whose API tokens administrators issue.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["ID"], 1,
        CliOption.Value(["--full-name", "-full-name"], "NAME", "The name shown for the account (default: its id)."));

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        var id = arguments.At(0)!.Trim();
        switch (context.Instance.Users.CreateServiceAccount(id, arguments.Value("--full-name"), null))
        {
            case UserChange.Done:
                await context.Err.WriteLineAsync($"Created service account '{id}'.", cancellationToken);
                return CliExit.Ok;
            case UserChange.AlreadyExists:
                throw CliException.IllegalState($"User '{id}' already exists");
            case UserChange.Unreadable:
                throw CliException.IllegalState($"The file of user '{id}' cannot be read; repair or remove it first.");
            default:
                throw CliException.BadArguments($"'{id}' is not a valid user id: letters, digits, '_' and '-' only, and not a reserved name.");
        }
    }
}
