namespace JenkinsLite.Server.Cli;

/// <summary>
/// Every wait of a CLI session is bounded (security.md SEC-46), but a running command is not: a
/// <c>build -s -v</c> of a long job must finish. Defaults follow Jenkins where it has a value.
/// </summary>
public sealed record CliTimeouts
{
    /// <summary>How long the <c>-http</c> download side waits for its upload side (Jenkins' CONNECTION_TIMEOUT, 15 s).</summary>
    public TimeSpan Pairing { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a session may take to send START (Jenkins: 15 s).</summary>
    public TimeSpan Start { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// <c>-http</c>: the upload side is closed after this long without a byte. The jar sends a frame
    /// every 3 s, so this only reaps clients that are gone (an idle limit, never a lifetime limit).
    /// </summary>
    public TimeSpan UploadIdle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>-webSocket</c>: the server pings this often (Jenkins: 15 s after the upgrade, then every 30 s).</summary>
    public TimeSpan WebSocketPing { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary><c>-webSocket</c>: a client that has not answered a ping for this long is gone.</summary>
    public TimeSpan WebSocketPongTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Open CLI sessions (both transports, paired or not) allowed from one client address.</summary>
    public int MaxSessionsPerAddress { get; init; } = 32;
}
