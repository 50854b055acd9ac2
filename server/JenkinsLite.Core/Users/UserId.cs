namespace JenkinsLite.Core.Users;

/// <summary>Jenkins' user id rules: ids are compared case-insensitively (the default IdStrategy).</summary>
public static class UserId
{
    public const int MaxLength = 100;

    public static string KeyFor(string id) => id.ToLowerInvariant();

    /// <summary>
    /// What HudsonPrivateSecurityRealm accepts for a new account: letters, digits, '_' and '-'
    /// (Jenkins' default "ID_REGEX"), and not one of the built-in names.
    /// </summary>
    public static bool IsValidNew(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
        && !IsReserved(id);

    /// <summary>The built-in names no realm may sign in as (SEC-54).</summary>
    public static bool IsReserved(string id) =>
        string.Equals(id, "anonymous", StringComparison.OrdinalIgnoreCase)
        || string.Equals(id, "authenticated", StringComparison.OrdinalIgnoreCase)
        || string.Equals(id, "system", StringComparison.OrdinalIgnoreCase)
        || string.Equals(id, "unknown", StringComparison.OrdinalIgnoreCase);
}
