using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Users;

/// <summary>
/// A token change and, for a new token, the value to show once. <see cref="UserId"/>, <see cref="Token"/>
/// (uuid, name) and <see cref="RotatedFrom"/> say what changed, so whoever records events needs nothing more.
/// </summary>
public sealed record TokenChangeResult(TokenChange Outcome, NewApiToken? Token = null)
{
    /// <summary>The owner of the token, as stored (its case may differ from the request's).</summary>
    public string? UserId { get; init; }

    /// <summary>For a rotation: the uuid of the token replaced.</summary>
    public string? RotatedFrom { get; init; }

    /// <summary>The scope the new token has.</summary>
    public TokenScope? Scope { get; init; }

    public static implicit operator TokenChangeResult(TokenChange outcome) => new(outcome);
}
