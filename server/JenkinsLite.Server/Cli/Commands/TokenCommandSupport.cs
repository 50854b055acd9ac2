using System.Globalization;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// What the token commands share, with the rules of the HTTP token endpoints: a user's tokens are
/// listed, renamed and revoked by that user or an administrator; created by that user only (or an
/// administrator where the server allows it, Jenkins' adminCanGenerateNewTokens).
/// </summary>
internal static class TokenCommandSupport
{
    public static readonly CliOption UserOption = CliOption.Value(["--user", "-user"], "USER", "The user whose tokens to use (default: you).");

    /// <summary>The user a token command acts on, once the caller is known to control it (exit 6 otherwise, 3 if unknown).</summary>
    public static User ControlledUser(CliContext context, string? requested)
    {
        var id = requested ?? context.Caller.User?.Id
            ?? throw CliException.AccessDenied("anonymous has no API tokens; give -auth USER:TOKEN");
        var self = context.Caller.User is { } me && string.Equals(me.Id, id, StringComparison.OrdinalIgnoreCase);
        if (!self)
        {
            context.Require(Permission.Administer);
        }

        return context.Instance.Users.Find(id) ?? throw CliException.IllegalArgument($"No such user '{id}'");
    }

    public static readonly CliOption ScopeOption = CliOption.Value(["--scope", "-scope"], "SCOPE", "read, build, full (default) or custom.");

    public static readonly CliOption PermissionOption = CliOption.Value(["--permission", "-permission"], "ID", "A permission id of a custom scope (repeatable).");

    public static readonly CliOption ItemsOption = CliOption.Value(["--items", "-items"], "PATTERN", "Limit the token to items matching (repeatable; * and **).");

    /// <summary>
    /// The user a command creates or rotates tokens for: yourself; an administrator also for a service account, or
    /// for anyone where the server allows it (adminCanGenerateNewTokens). Only a full token manages tokens.
    /// </summary>
    public static User CreatingFor(CliContext context, string? requested)
    {
        if (context.Caller.User is not { } me)
        {
            throw CliException.AccessDenied("anonymous cannot create API tokens; give -auth USER:TOKEN");
        }

        context.RequireTokenManagement();
        var user = context.Instance.Users.Find(requested ?? me.Id);
        var self = user is not null && string.Equals(me.Id, user.Id, StringComparison.OrdinalIgnoreCase);
        var adminMay = (user is { IsServiceAccount: true } || context.Instance.Options.AdminCanGenerateNewTokens) && context.Has(Permission.Administer);
        if (!self && !adminMay && !(user is null && context.Has(Permission.Administer)))
        {
            throw CliException.AccessDenied($"{context.Caller.Name} may not create API tokens for another user");
        }

        return user ?? throw CliException.IllegalArgument($"No such user '{requested}'");
    }

    /// <summary>The scope the options ask for; exit 2 naming what is wrong.</summary>
    public static TokenScope Scope(CliArguments arguments) =>
        TokenScope.TryCreate(arguments.Value("--scope"), arguments.Values("--permission"), arguments.Values("--items"), out var problem)
        ?? throw CliException.BadArguments(problem!);

    /// <summary>A token of the user by UUID, or by name when exactly one token has it.</summary>
    public static TokenView FindToken(UserAccounts users, User user, string uuidOrName)
    {
        var tokens = users.TokensOf(user);
        if (tokens.FirstOrDefault(t => string.Equals(t.Uuid, uuidOrName, StringComparison.OrdinalIgnoreCase)) is { } byUuid)
        {
            return byUuid;
        }

        var named = tokens.Where(t => string.Equals(t.Name, uuidOrName, StringComparison.Ordinal)).ToList();
        return named.Count switch
        {
            1 => named[0],
            0 => throw CliException.IllegalArgument($"No API token '{uuidOrName}' for user '{user.Id}'"),
            _ => throw CliException.IllegalArgument($"User '{user.Id}' has {named.Count} tokens named '{uuidOrName}'; give the UUID"),
        };
    }

    public static string Date(DateTimeOffset? date) =>
        date?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static CliException Problem(TokenChange outcome) => outcome switch
    {
        TokenChange.ExpirationInPast => CliException.IllegalArgument("Expiration date is in the past."),
        TokenChange.NameTooLong => CliException.IllegalArgument($"The token name must be at most {UserAccounts.MaxTokenNameLength} characters."),
        TokenChange.InvalidName => CliException.IllegalArgument("The token name must not contain control characters."),
        TokenChange.BlankName => CliException.IllegalArgument("The name cannot be empty"),
        TokenChange.UnknownToken => CliException.IllegalArgument("No such token"),
        TokenChange.UnknownUser => CliException.IllegalArgument("No such user"),
        TokenChange.NotAllowed => CliException.IllegalState("Not allowed by the security configuration"),
        TokenChange.LegacyNotRotatable => CliException.IllegalArgument("The legacy token cannot be rotated: revoke it and create a new token."),
        _ => new CliException(outcome.ToString()),
    };
}
