namespace JenkinsLite.Core.Users;

/// <summary>The outcome of a change to a user's tokens; the endpoint picks Jenkins' status for each.</summary>
public enum TokenChange
{
    Done,
    UnknownUser,
    UnknownToken,
    BlankName,
    NameTooLong,
    InvalidName,
    InvalidValue,
    ExpirationInPast,
    NotAllowed,

    /// <summary>The legacy token cannot be rotated: it is revoked and replaced by a new token instead.</summary>
    LegacyNotRotatable,

    /// <summary>A declared token names a user who exists and is not a service account.</summary>
    NotServiceAccount,

    /// <summary>A declared token already holds that value, scope and expiry: nothing was written.</summary>
    Unchanged,
}
