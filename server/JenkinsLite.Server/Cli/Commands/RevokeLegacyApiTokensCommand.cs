using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// JenkinsLite: <c>revoke-legacy-api-tokens [USER...]</c> (Overall/Administer), the monitor's bulk revoke:
/// the legacy token of each user named, or of every user when none is named. Jenkins' multi-name rule
/// applies: per-name errors on stderr, then exit 5.
/// </summary>
internal sealed class RevokeLegacyApiTokensCommand : ICliCommand
{
    public string Name => "revoke-legacy-api-tokens";

    public string Summary => "Revokes the legacy API token of the users given, or of every user.";

    public CliSyntax Syntax { get; } = CliSyntax.Repeating(["USER"], 0);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        var users = context.Instance.Users;
        var failed = false;
        var targets = arguments.Positionals.Count == 0
            ? users.All.Select(u => u.Id).ToList()
            : arguments.Positionals.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var revoked = 0;
        foreach (var id in targets)
        {
            if (users.Find(id) is not { } user)
            {
                await context.Err.WriteLineAsync($"No such user '{id}'", cancellationToken);
                failed = true;
                continue;
            }

            foreach (var legacy in users.TokensOf(user).Where(t => t.Legacy))
            {
                users.RevokeLegacyToken(user.Id, legacy.Uuid);
                await context.Out.WriteLineAsync($"Revoked the legacy API token of {user.Id}", cancellationToken);
                revoked++;
            }
        }

        if (failed)
        {
            throw CliException.Aborted("Error occurred while performing this command, see previous stderr output.");
        }

        if (revoked == 0)
        {
            await context.Out.WriteLineAsync("No legacy API tokens revoked", cancellationToken);
        }

        return CliExit.Ok;
    }
}
