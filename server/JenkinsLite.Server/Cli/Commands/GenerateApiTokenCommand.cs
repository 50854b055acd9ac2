using System.Globalization;
using JenkinsLite.Server.ApiTokens.Policy;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// JenkinsLite: <c>generate-api-token NAME [--expires yyyy-MM-dd] [--scope S] [--permission ID]... [--items P]... [--user ID]</c>. The value is printed once, alone on
/// stdout, so <c>TOKEN=$(... generate-api-token ci)</c> works; name, UUID and expiry go to stderr.
/// </summary>
internal sealed class GenerateApiTokenCommand : ICliCommand
{
    public string Name => "generate-api-token";

    public string Summary => "Creates an API token and prints its value (shown only this once).";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["NAME"], 1,
        CliOption.Value(["--expires", "-expires"], "DATE", "Last day the token works (yyyy-MM-dd); default: never."),
        TokenCommandSupport.ScopeOption,
        TokenCommandSupport.PermissionOption,
        TokenCommandSupport.ItemsOption,
        TokenCommandSupport.UserOption);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var user = TokenCommandSupport.CreatingFor(context, arguments.Value("--user"));
        var scope = TokenCommandSupport.Scope(arguments);
        DateOnly? expires = null;
        if (arguments.Value("--expires") is { } text && text != "never")
        {
            expires = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw CliException.BadArguments("The expiration date must be given as yyyy-MM-dd.");
        }

        TokenPolicyCheck.ThrowIfRefused(context, expires, scope.Name);
        var result = context.Instance.Users.GenerateToken(user.Id, arguments.At(0), expires, scope, context.Caller.Name);
        if (result.Token is not { } token)
        {
            throw TokenCommandSupport.Problem(result.Outcome);
        }

        await context.Out.WriteLineAsync(token.PlainValue, cancellationToken);
        var expiry = token.ExpirationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never";
        await context.Err.WriteLineAsync(
            $"Created API token '{token.Name}' ({token.Uuid}) for {user.Id}, scope: {scope.Name}, expires: {expiry}. Its value is shown only this once.",
            cancellationToken);
        return CliExit.Ok;
    }
}
