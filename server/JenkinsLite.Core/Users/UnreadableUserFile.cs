namespace JenkinsLite.Core.Users;

/// <summary>
/// A user file that could not be read. That user cannot sign in, and the file is never overwritten
/// automatically; an admin sees it with the parse error.
/// </summary>
public sealed record UnreadableUserFile(string UserId, string RelativePath, string Error, int? Line, int? Column);
