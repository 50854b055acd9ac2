namespace JenkinsLite.Protocol.Cli;

/// <summary>
/// The op codes of Jenkins' plain CLI protocol (<c>hudson.cli.PlainCLIProtocol.Op</c>). The value is the
/// Java enum ordinal: never reorder.
/// </summary>
public enum CliOp : byte
{
    /// <summary>Client → server: one string, the command name first, then each argument.</summary>
    Arg = 0,

    /// <summary>Client → server: the Java locale id (<c>en</c>, <c>fr_CA</c>).</summary>
    Locale = 1,

    /// <summary>Client → server: the Java charset name; the <c>-http</c> client repeats it every 3 s as a keep-alive.</summary>
    Encoding = 2,

    /// <summary>Client → server: all arguments sent, run the command.</summary>
    Start = 3,

    /// <summary>Server → client: int32 big-endian exit code.</summary>
    Exit = 4,

    /// <summary>Client → server: raw stdin bytes.</summary>
    Stdin = 5,

    /// <summary>Client → server: EOF on the client's stdin.</summary>
    EndStdin = 6,

    /// <summary>Server → client: raw stdout bytes.</summary>
    Stdout = 7,

    /// <summary>Server → client: raw stderr bytes.</summary>
    Stderr = 8,
}
