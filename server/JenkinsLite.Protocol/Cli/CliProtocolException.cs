namespace JenkinsLite.Protocol.Cli;

/// <summary>A stream that does not follow the plain CLI protocol; the session it belongs to is closed.</summary>
public sealed class CliProtocolException : IOException
{
    public CliProtocolException()
    {
    }

    public CliProtocolException(string message)
        : base(message)
    {
    }

    public CliProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
