using JenkinsLite.Core.Security.ApiTokens.Policy;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.ApiTokens.Policy;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// JenkinsLite: <c>api-token-policy [--max-lifetime DAYS] [--require-expiration true|false] [--max-unused DAYS]
/// [--warning DAYS] [--allowed-scopes LIST]</c> (Overall/Administer): prints the policy, after changing what the
/// options say (exit 2 naming every bad value, and nothing saved).
/// </summary>
internal sealed class ApiTokenPolicyCommand : ICliCommand
{
    private static readonly (string Option, string Field)[] Options =
    [
        ("--max-lifetime", ApiTokenPolicyInput.MaxLifetimeDays),
        ("--require-expiration", ApiTokenPolicyInput.RequireExpiration),
        ("--max-unused", ApiTokenPolicyInput.MaxUnusedDays),
        ("--warning", ApiTokenPolicyInput.ExpiryWarningDays),
        ("--allowed-scopes", ApiTokenPolicyInput.AllowedScopes),
    ];

    public string Name => "api-token-policy";

    public string Summary => "Prints the API token policy, one field per line (NAME<TAB>VALUE), after applying the options given.";

    public CliSyntax Syntax { get; } = CliSyntax.Of([], 0,
        CliOption.Value("--max-lifetime", "DAYS", "A new token must expire within this many days (0: no limit)."),
        CliOption.Value("--require-expiration", "BOOL", "true: a new token must have an expiration date."),
        CliOption.Value("--max-unused", "DAYS", "Tokens unused this long are revoked by the daily sweep (0: never)."),
        CliOption.Value("--warning", "DAYS", "A token expiring within this many days is 'expiring soon'."),
        CliOption.Value("--allowed-scopes", "LIST", "Scopes non-admins may create, comma-separated (read,build,full,custom), or all."));

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        var policy = context.Services.GetRequiredService<TokenPolicy>();
        var fields = Options.Where(o => arguments.Has(o.Option)).ToDictionary(o => o.Field, o => arguments.Value(o.Option));
        if (fields.Count > 0)
        {
            var (updated, problems) = ApiTokenPolicyInput.Apply(policy.Current, fields);
            if (updated is null)
            {
                throw CliException.BadArguments(string.Join("; ", problems));
            }

            policy.Change(updated);
        }

        foreach (var (name, value) in TokenPolicy.Describe(policy.Current))
        {
            await context.Out.WriteLineAsync($"{name}\t{value}", cancellationToken);
        }

        return CliExit.Ok;
    }
}
