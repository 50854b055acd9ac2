using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.ApiTokens.Policy;

/// <summary>The policy's check of a new token, for the HTTP endpoints and the CLI alike.</summary>
internal static class TokenPolicyCheck
{
    /// <summary>Why the policy refuses the token (a message that names the rule), or null.</summary>
    public static string? Refusal(IServiceProvider services, bool creatorIsAdmin, DateOnly? expiration, string scope)
    {
        var clock = services.GetRequiredService<JenkinsInstance>().Options.Clock;
        return services.GetRequiredService<TokenPolicy>().Current
            .RefusalOfNewToken(expiration, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), scope, creatorIsAdmin);
    }

    /// <summary>The 400 to answer (Jenkins' JSON error envelope), or null when the policy allows the token.</summary>
    public static IResult? RefusalFor(HttpContext context, DateOnly? expiration, string scope) =>
        Refusal(context.Singletons(), context.Has(Permission.Administer), expiration, scope) is { } message
            ? ApiResponse.Error(message, StatusCodes.Status400BadRequest)
            : null;

    /// <summary>The CLI's twin: exit 2 with the rule's message.</summary>
    public static void ThrowIfRefused(Cli.CliContext context, DateOnly? expiration, string scope)
    {
        if (Refusal(context.Services, context.Has(Permission.Administer), expiration, scope) is { } message)
        {
            throw Cli.CliException.BadArguments(message);
        }
    }
}
