namespace JenkinsLite.Core.Users;

/// <summary>One user's file as read on its own: the user, or why the file could not be read.</summary>
public sealed record UserFileRead(User? User, UnreadableUserFile? Unreadable);
