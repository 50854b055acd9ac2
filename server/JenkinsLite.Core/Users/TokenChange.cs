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
}
