namespace JenkinsLite.Cli.Transport;

/// <summary>A transport failure the jar reports with its own exit code (3, 15 or 255) and a message.</summary>
public sealed class CliTransportException : Exception
{
    public CliTransportException()
    {
    }

    public CliTransportException(string message)
        : this(ClientExit.Failure, message)
    {
    }

    public CliTransportException(string message, Exception inner)
        : base(message, inner)
    {
        ExitCode = ClientExit.Failure;
    }

    public CliTransportException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; } = ClientExit.Failure;
}
