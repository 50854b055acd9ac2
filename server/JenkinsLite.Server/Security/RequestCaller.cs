using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Server.Security;

/// <summary>Who sent the request, set once per request by <see cref="CallerMiddleware"/>.</summary>
internal sealed record RequestCaller(Caller Caller, User? User, AuthMethod Method, string? SessionId)
{
    public static readonly RequestCaller Anonymous = new(Caller.Anonymous, null, AuthMethod.Anonymous, null);

    public string Name => User?.Id ?? "anonymous";
}
