namespace JenkinsLite.Core.Builds;

/// <summary>
/// Why a build was started, as Jenkins' causes: <c>hudson.model.Cause$UserIdCause</c> (a user),
/// <c>hudson.model.Cause$RemoteCause</c> (the remote trigger token), and others by class name.
/// </summary>
public sealed record BuildCause(string ClassName, string ShortDescription, string? UserId = null, string? UserName = null);
