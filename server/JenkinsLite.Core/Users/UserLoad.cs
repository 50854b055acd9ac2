namespace JenkinsLite.Core.Users;

/// <summary>Everything read from the users folder: the users, and the files that could not be read.</summary>
public sealed record UserLoad(IReadOnlyList<User> Users, IReadOnlyList<UnreadableUserFile> Unreadable);
