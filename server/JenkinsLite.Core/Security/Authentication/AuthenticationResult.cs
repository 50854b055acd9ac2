using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.Authentication;

/// <summary>The outcome of checking a user name and a secret (token first, then password, as Jenkins).</summary>
public abstract record AuthenticationResult
{
    private AuthenticationResult()
    {
    }

    /// <summary>The groups the realm reports for the user (a directory's); none for Jenkins' own user database.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>An API token matched: the request needs no crumb and never creates a session.</summary>
    public sealed record ByToken(User User, HashedToken Token) : AuthenticationResult;

    public sealed record ByPassword(User User) : AuthenticationResult;

    public sealed record Failed(AuthenticationFailure Reason) : AuthenticationResult;
}
