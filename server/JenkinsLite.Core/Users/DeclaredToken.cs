using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Users;

/// <summary>
/// One file of init.tokens.d (token-governance.md section 5): a service account's token declared by whoever deploys
/// the server. The plain value is read from its value file only to be hashed; it is never shown, not even by ToString.
/// </summary>
public sealed class DeclaredToken(string source, string userId, string name, string plainValue, TokenScope scope, DateOnly? expiration)
{
    /// <summary>The declaring file, relative to the home.</summary>
    public string Source { get; } = source;

    public string UserId { get; } = userId;

    public string Name { get; } = name;

    public TokenScope Scope { get; } = scope;

    public DateOnly? Expiration { get; } = expiration;

    public TokenChangeResult ApplyTo(UserAccounts accounts) =>
        accounts.ApplyDeclaredToken(UserId, Name, plainValue, Scope, Expiration);

    public override string ToString() => $"{Source}: token '{Name}' of {UserId}";
}
