using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.ApiTokens.Inventory;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// JenkinsLite: <c>list-api-tokens [USER] [--all] [--state STATE] [--format plain|json]</c>. A user's tokens, one
/// tab-separated line each (never a value); with <c>--all</c>, the inventory of every user's tokens (Overall/Administer).
/// </summary>
internal sealed class ListApiTokensCommand : ICliCommand
{
    public string Name => "list-api-tokens";

    public string Summary => "Lists the API tokens of a user (default: you), one per line, tab-separated: "
        + "NAME, UUID, CREATED, AGE_LEVEL (none/orange/red), USES, LAST_USE, LEGACY, EXPIRES (date or never; \"expired\" appended when past), "
        + "SCOPE (full, read, build or custom with its permissions in brackets, then \" on \" and the item patterns when limited). "
        + "With --all (admins), every user's tokens, each line starting with USER and ending with LAST_ADDRESS and FLAGS.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["USER"], 0,
        CliOption.Flag("--all", "Every user's tokens: the inventory (Overall/Administer); USER then filters it."),
        CliOption.Value("--state", "STATE", "Only tokens that are expired, expiring, stale, legacy, unscoped or violating (the policy)."),
        CliOption.Value("--format", "FORMAT", "plain (default) or json (the inventory's JSON)."));

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var format = arguments.Value("--format") ?? "plain";
        if (format is not ("plain" or "json"))
        {
            throw CliException.BadArguments($"Unknown format '{format}'; use plain or json");
        }

        if (!TokenInventoryService.TryParseState(arguments.Value("--state"), out var state))
        {
            throw CliException.BadArguments($"Unknown state '{arguments.Value("--state")}'; use one of {string.Join(", ", TokenInventoryService.StateNames)}");
        }

        var all = arguments.Has("--all");
        string? userFilter;
        if (all)
        {
            context.Require(Permission.Administer);
            userFilter = arguments.At(0);
            if (userFilter is not null && context.Instance.Users.Find(userFilter) is null)
            {
                throw CliException.IllegalArgument($"No such user '{userFilter}'");
            }
        }
        else
        {
            userFilter = TokenCommandSupport.ControlledUser(context, arguments.At(0)).Id;
        }

        var rows = context.Services.GetRequiredService<TokenInventoryService>().Rows(userFilter, state);
        if (format == "json")
        {
            await context.Out.WriteLineAsync(InventoryModel.Of(rows).ToString(Newtonsoft.Json.Formatting.Indented), cancellationToken);
            return CliExit.Ok;
        }

        foreach (var row in rows)
        {
            var fields = Fields(row.Token).ToList();
            if (all)
            {
                fields.Insert(0, row.Owner.Id);
                fields.Add(row.LastUseAddress ?? "-");
                fields.Add(Flags(row));
            }

            await context.Out.WriteLineAsync(string.Join('\t', fields), cancellationToken);
        }

        return CliExit.Ok;
    }

    private static IEnumerable<object> Fields(TokenView token)
    {
        var expires = token.ExpirationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "never";
        return
        [
            token.Name,
            token.Uuid,
            TokenCommandSupport.Date(token.CreationDate),
            token.AgeLevel.ToString().ToLowerInvariant(),
            token.UseCount,
            TokenCommandSupport.Date(token.LastUseDate),
            token.Legacy ? "legacy" : "-",
            token.Expired ? expires + " expired" : expires,
            (token.Scope ?? TokenScope.Full).Summary,
        ];
    }

    private static string Flags(InventoryRow row)
    {
        var flags = new[] { row.ExpiringSoon ? "expiring" : null, row.Stale ? "stale" : null, row.ViolatesPolicy ? "violating" : null }
            .OfType<string>().ToList();
        return flags.Count == 0 ? "-" : string.Join(',', flags);
    }
}
