using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.ApiTokens.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// JenkinsLite: <c>api-token-audit [--since TIME] [--user ID] [--event NAME] [--limit N] [--format plain|json]</c>
/// (Overall/Administer): the audit log, newest first, with the filters of its HTTP API.
/// </summary>
internal sealed class ApiTokenAuditCommand : ICliCommand
{
    public string Name => "api-token-audit";

    public string Summary => "Prints the API token audit log, newest first, tab-separated: TIME, EVENT, ACTOR, ACTOR_AUTH, USER, TOKEN_UUID, TOKEN_NAME, ADDRESS.";

    public CliSyntax Syntax { get; } = CliSyntax.Of([], 0,
        CliOption.Value("--since", "TIME", "Only events at or after this ISO 8601 time."),
        CliOption.Value("--user", "ID", "Only events about this user's tokens."),
        CliOption.Value("--event", "NAME", "Only events of this name (token.created, token.revoked, ...)."),
        CliOption.Value("--limit", "N", "At most N events (default 100, at most 1000)."),
        CliOption.Value("--format", "FORMAT", "plain (default) or json (the API's JSON)."));

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        var format = arguments.Value("--format") ?? "plain";
        if (format is not ("plain" or "json"))
        {
            throw CliException.BadArguments($"Unknown format '{format}'; use plain or json");
        }

        var filters = new Dictionary<string, StringValues>();
        foreach (var name in new[] { "since", "user", "event", "limit" })
        {
            if (arguments.Value("--" + name) is { } value)
            {
                filters[name] = value;
            }
        }

        var (query, problem) = AuditEndpoints.QueryOf(new QueryCollection(filters));
        if (problem is not null)
        {
            throw CliException.BadArguments(problem);
        }

        var events = context.Services.GetRequiredService<ITokenAuditLog>().Read(query!);
        if (format == "json")
        {
            await context.Out.WriteLineAsync(AuditEndpoints.Model(events).ToString(Newtonsoft.Json.Formatting.Indented), cancellationToken);
            return CliExit.Ok;
        }

        foreach (var e in events)
        {
            await context.Out.WriteLineAsync(string.Join('\t',
                e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                e.Event, e.Actor, e.ActorAuth, e.User ?? "-", e.TokenUuid ?? "-", e.TokenName ?? "-", e.Address ?? "-"), cancellationToken);
        }

        return CliExit.Ok;
    }
}
