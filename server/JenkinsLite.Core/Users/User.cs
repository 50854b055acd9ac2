using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Users;

/// <summary>
/// A user of Jenkins' own user database, as far as JenkinsLite reads it. Immutable: changes make a new
/// record, which is saved before it replaces the old one.
/// </summary>
/// <param name="IsServiceAccount">A service account (token-governance.md section 4): no password ever signs it in; admins manage its tokens.</param>
public sealed record User(
    string Id,
    string FullName,
    string? Description,
    string? PasswordHash,
    ApiTokenStore Tokens,
    LegacyApiToken? Legacy,
    bool IsServiceAccount = false);
