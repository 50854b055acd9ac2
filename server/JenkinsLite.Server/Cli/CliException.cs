namespace JenkinsLite.Server.Cli;

/// <summary>
/// A command's failure of a known kind: the message goes to stderr as <c>ERROR: message</c> and the
/// session exits with <see cref="ExitCode"/>. A bad command line (exit 2) also prints the command's usage.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this(CliExit.Unexpected, "Failed")
    {
    }

    public CliException(string message)
        : this(CliExit.Unexpected, message)
    {
    }

    public CliException(string message, Exception inner)
        : base(message, inner)
    {
        ExitCode = CliExit.Unexpected;
    }

    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    /// <summary>args4j's CmdLineException: exit 2 with the usage.</summary>
    public static CliException BadArguments(string message) => new(CliExit.BadArguments, message);

    /// <summary>IllegalArgumentException: exit 3 (no such job, build, token...).</summary>
    public static CliException IllegalArgument(string message) => new(CliExit.IllegalArgument, message);

    /// <summary>IllegalStateException: exit 4 (already exists...).</summary>
    public static CliException IllegalState(string message) => new(CliExit.IllegalState, message);

    /// <summary>AbortException: exit 5.</summary>
    public static CliException Aborted(string message) => new(CliExit.Aborted, message);

    /// <summary>AccessDeniedException: exit 6.</summary>
    public static CliException AccessDenied(string message) => new(CliExit.AccessDenied, message);
}
