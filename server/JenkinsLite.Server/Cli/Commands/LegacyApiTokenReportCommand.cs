using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// JenkinsLite: <c>legacy-api-token-report</c> (Overall/Administer), the CLI twin of Jenkins' legacy-token
/// monitor: one tab-separated line per user who still has a legacy token.
/// </summary>
internal sealed class LegacyApiTokenReportCommand : ICliCommand
{
    public string Name => "legacy-api-token-report";

    public string Summary => "Lists the users who still have a legacy API token, tab-separated: USER, UUID, CREATED, AGE_DAYS, USES, LAST_USE, "
        + "HAS_FRESH_TOKEN (a newer token exists), HAS_RECENT_TOKEN (another token was used since).";

    public CliSyntax Syntax => CliSyntax.None;

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        foreach (var (user, legacy, fresh, recent) in context.Instance.Users.LegacyTokenHolders())
        {
            await context.Out.WriteLineAsync(string.Join('\t',
                user.Id,
                legacy.Uuid,
                TokenCommandSupport.Date(legacy.CreationDate),
                legacy.AgeInDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                legacy.UseCount,
                TokenCommandSupport.Date(legacy.LastUseDate),
                fresh ? "true" : "false",
                recent ? "true" : "false"), cancellationToken);
        }

        return CliExit.Ok;
    }
}
