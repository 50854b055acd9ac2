namespace JenkinsLite.Core.Builds;

/// <summary>
/// Why a build was started, as Jenkins' causes: <c>hudson.model.Cause$UserIdCause</c> (a user),
/// <c>hudson.model.Cause$RemoteCause</c> (the remote trigger token), and others by class name.
/// </summary>
/// <param name="RemoteAddress">RemoteCause's <c>addr</c>.</param>
/// <param name="Note">RemoteCause's <c>note</c> (the <c>cause</c> request parameter).</param>
public sealed record BuildCause(
    string ClassName,
    string ShortDescription,
    string? UserId = null,
    string? UserName = null,
    string? RemoteAddress = null,
    string? Note = null)
{
    public const string UserIdCauseClass = "hudson.model.Cause$UserIdCause";
    public const string RemoteCauseClass = "hudson.model.Cause$RemoteCause";

    /// <summary>Jenkins' UserIdCause: "Started by user &lt;full name&gt;", or "anonymous" without a user.</summary>
    public static BuildCause ByUser(string? userId, string? userName) =>
        new(UserIdCauseClass, $"Started by user {userName ?? userId ?? "anonymous"}", userId, userName ?? userId);

    /// <summary>Jenkins' RemoteCause: the trigger token was used, from <paramref name="address"/>.</summary>
    public static BuildCause ByRemoteHost(string address, string? note) =>
        new(RemoteCauseClass,
            string.IsNullOrEmpty(note) ? $"Started by remote host {address}" : $"Started by remote host {address} with note: {note}",
            RemoteAddress: address,
            Note: string.IsNullOrEmpty(note) ? null : note);
}
