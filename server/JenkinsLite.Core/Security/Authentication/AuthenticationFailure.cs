namespace JenkinsLite.Core.Security.Authentication;

public enum AuthenticationFailure
{
    /// <summary>Unknown user, wrong token or wrong password: deliberately one answer for all three.</summary>
    BadCredentials,

    /// <summary>The secret is a token of this user that has expired.</summary>
    TokenExpired,

    /// <summary>The user's file could not be read; it fails closed.</summary>
    UserUnreadable,

    /// <summary>The directory (LDAP) that checks this user could not be asked.</summary>
    DirectoryUnavailable,

    /// <summary>The password check waited too long for its turn (a flood of passwords); not the caller's mistake.</summary>
    Busy,
}
