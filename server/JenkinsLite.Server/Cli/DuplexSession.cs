namespace JenkinsLite.Server.Cli;

/// <summary>One <c>-http</c> session: the upload body handed to the download side, and the end of the session.</summary>
internal sealed class DuplexSession(string userName)
{
    /// <summary>Jenkins binds the session to the download request's identity; the upload must be the same user.</summary>
    public string UserName => userName;

    public TaskCompletionSource<Stream> Upload { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once the download side no longer reads the upload body; only then may the upload request end.</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
