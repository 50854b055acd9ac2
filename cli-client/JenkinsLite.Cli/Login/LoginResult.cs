using System.Net;

namespace JenkinsLite.Cli.Login;

/// <summary>The new token's value, or the HTTP status and message of the step that failed.</summary>
public sealed record LoginResult(string? TokenValue, HttpStatusCode Status, string? Problem);
