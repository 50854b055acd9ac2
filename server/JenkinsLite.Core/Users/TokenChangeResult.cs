using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Users;

/// <summary>A token change and, for a new token, the value to show once.</summary>
public sealed record TokenChangeResult(TokenChange Outcome, NewApiToken? Token = null)
{
    public static implicit operator TokenChangeResult(TokenChange outcome) => new(outcome);
}
