using System.Globalization;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.ApiTokens.Policy;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// JenkinsLite: <c>rotate-api-token TOKEN [--grace MINUTES] [--user ID]</c> (token-governance.md section 3). The new
/// value is printed once, alone on stdout; the old one keeps working for the grace window.
/// </summary>
internal sealed class RotateApiTokenCommand : ICliCommand
{
    public string Name => "rotate-api-token";

    public string Summary => "Replaces an API token by a new one; the old value works for the grace window (default 0 minutes).";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["TOKEN"], 1,
        CliOption.Value(["--grace", "-grace"], "MINUTES", "How long the old value keeps working (0 to 10080)."),
        TokenCommandSupport.UserOption);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var user = TokenCommandSupport.CreatingFor(context, arguments.Value("--user"));
        var grace = 0;
        if (arguments.Value("--grace") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out grace) || grace > ApiTokens.ApiTokenEndpoints.MaxGraceMinutes))
        {
            throw CliException.BadArguments($"--grace must be a number of minutes from 0 to {ApiTokens.ApiTokenEndpoints.MaxGraceMinutes}.");
        }

        var users = context.Instance.Users;
        var old = TokenCommandSupport.FindToken(users, user, arguments.At(0)!);
        using var audited = TokenAuditTrail.Because(TokenAuditEvents.Rotated);
        var result = users.RotateToken(user.Id, old.Uuid, TimeSpan.FromMinutes(grace), context.Caller.Name,
            context.Services.GetRequiredService<TokenPolicy>().Current.MaxLifetimeDays);
        if (result.Token is not { } token)
        {
            throw TokenCommandSupport.Problem(result.Outcome);
        }

        await context.Out.WriteLineAsync(token.PlainValue, cancellationToken);
        await context.Err.WriteLineAsync(
            $"Rotated API token '{token.Name}' of {user.Id}: new {token.Uuid}; the old {old.Uuid} works for {grace} more minute(s). The new value is shown only this once.",
            cancellationToken);
        return CliExit.Ok;
    }
}
