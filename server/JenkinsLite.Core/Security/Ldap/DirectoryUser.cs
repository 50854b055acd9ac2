namespace JenkinsLite.Core.Security.Ldap;

/// <summary>What the directory says about a user: never a password, only who they are and their groups.</summary>
public sealed record DirectoryUser(string Id, string DisplayName, string? Mail, IReadOnlyList<string> Groups);
