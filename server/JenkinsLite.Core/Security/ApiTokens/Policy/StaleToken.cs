namespace JenkinsLite.Core.Security.ApiTokens.Policy;

/// <summary>A token the sweep revokes, with how long it went unused (for the audit event).</summary>
public sealed record StaleToken(string UserId, string Uuid, string Name, int UnusedDays);
