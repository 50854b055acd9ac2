using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Server.Security;

/// <summary>Who sent the request, set once per request by <see cref="CallerMiddleware"/>.</summary>
/// <param name="Scope">The scope of the API token that authenticated the request; null for sessions, passwords and full tokens.</param>
internal sealed record RequestCaller(Caller Caller, User? User, AuthMethod Method, string? SessionId, TokenScope? Scope = null)
{
    public static readonly RequestCaller Anonymous = new(Caller.Anonymous, null, AuthMethod.Anonymous, null);

    public string Name => User?.Id ?? "anonymous";

    /// <summary>Only a full token (or no token) may create, rotate or change tokens: a leaked narrow one cannot mint a wider one.</summary>
    public bool MayManageTokens => Scope is null;
}
