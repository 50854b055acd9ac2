namespace JenkinsLite.Core.Users;

public enum UserChange
{
    Done,
    UnknownUser,
    AlreadyExists,
    InvalidId,
    InvalidPassword,
    Unreadable,
}
