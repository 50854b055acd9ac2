namespace JenkinsLite.Cli;

/// <summary>The jar's own exit codes, used when no EXIT frame decides (cli.md section 6).</summary>
public static class ClientExit
{
    /// <summary><c>-http</c>: the download response has no Hudson-Duplex header.</summary>
    public const int NoDuplex = 3;

    /// <summary><c>-webSocket</c>: the upgrade was refused.</summary>
    public const int HandshakeFailed = 15;

    /// <summary>Usage errors, I/O errors, HTTP errors on the duplex POST, or a session closed without EXIT.</summary>
    public const int Failure = 255;
}
