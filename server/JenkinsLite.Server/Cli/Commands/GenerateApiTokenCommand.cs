using System.Globalization;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.ApiTokens.Policy;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// JenkinsLite: <c>generate-api-token NAME [--expires yyyy-MM-dd]</c>. The value is printed once, alone on
/// stdout, so <c>TOKEN=$(... generate-api-token ci)</c> works; name, UUID and expiry go to stderr.
/// </summary>
internal sealed class GenerateApiTokenCommand : ICliCommand
{
    public string Name => "generate-api-token";

    public string Summary => "Creates an API token and prints its value (shown only this once).";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["NAME"], 1,
        CliOption.Value(["--expires", "-expires"], "DATE", "Last day the token works (yyyy-MM-dd); default: never."),
        TokenCommandSupport.UserOption);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var user = context.Instance.Users.Find(arguments.Value("--user") ?? context.Caller.User?.Id);
        var self = user is not null && context.Caller.User is { } me && string.Equals(me.Id, user.Id, StringComparison.OrdinalIgnoreCase);
        if (context.Caller.User is null)
        {
            throw CliException.AccessDenied("anonymous cannot create API tokens; give -auth USER:TOKEN");
        }

        if (!self && !(context.Instance.Options.AdminCanGenerateNewTokens && context.Has(Permission.Administer)))
        {
            throw CliException.AccessDenied($"{context.Caller.Name} may not create API tokens for another user");
        }

        if (user is null)
        {
            throw CliException.IllegalArgument($"No such user '{arguments.Value("--user")}'");
        }

        DateOnly? expires = null;
        if (arguments.Value("--expires") is { } text && text != "never")
        {
            expires = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw CliException.BadArguments("The expiration date must be given as yyyy-MM-dd.");
        }

        TokenPolicyCheck.ThrowIfRefused(context, expires);
        var result = context.Instance.Users.GenerateToken(user.Id, arguments.At(0), expires);
        if (result.Token is not { } token)
        {
            throw TokenCommandSupport.Problem(result.Outcome);
        }

        await context.Out.WriteLineAsync(token.PlainValue, cancellationToken);
        var expiry = token.ExpirationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never";
        await context.Err.WriteLineAsync($"Created API token '{token.Name}' ({token.Uuid}) for {user.Id}, expires: {expiry}. Its value is shown only this once.", cancellationToken);
        return CliExit.Ok;
    }
}
