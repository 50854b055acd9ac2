using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>JenkinsLite: <c>list-api-tokens [USER]</c>, one tab-separated line per token (never its value).</summary>
internal sealed class ListApiTokensCommand : ICliCommand
{
    public string Name => "list-api-tokens";

    public string Summary => "Lists the API tokens of a user (default: you), one per line, tab-separated: "
        + "NAME, UUID, CREATED, AGE_LEVEL (none/orange/red), USES, LAST_USE, LEGACY, EXPIRES (date or never; \"expired\" appended when past).";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["USER"], 0);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var user = TokenCommandSupport.ControlledUser(context, arguments.At(0));
        foreach (var token in context.Instance.Users.TokensOf(user))
        {
            var expires = token.ExpirationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "never";
            var line = string.Join('\t',
                token.Name,
                token.Uuid,
                TokenCommandSupport.Date(token.CreationDate),
                Level(token.AgeLevel),
                token.UseCount,
                TokenCommandSupport.Date(token.LastUseDate),
                token.Legacy ? "legacy" : "-",
                token.Expired ? expires + " expired" : expires);
            await context.Out.WriteLineAsync(line, cancellationToken);
        }

        return CliExit.Ok;
    }

    private static string Level(TokenAgeLevel level) => level switch
    {
        TokenAgeLevel.Red => "red",
        TokenAgeLevel.Orange => "orange",
        _ => "none",
    };
}
