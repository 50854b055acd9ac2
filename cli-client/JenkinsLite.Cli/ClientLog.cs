using JenkinsLite.Cli.Options;

namespace JenkinsLite.Cli;

/// <summary>The client's own diagnostics on stderr, shown from the <c>-logger</c> level up (default WARNING).</summary>
public sealed class ClientLog(LogLevel level, TextWriter stderr)
{
    public void Fine(string message) => Write(LogLevel.Fine, message);

    public void Warning(string message) => Write(LogLevel.Warning, message);

    private void Write(LogLevel at, string message)
    {
        if (at >= level && level != LogLevel.Off)
        {
            stderr.WriteLine($"{at.ToString().ToUpperInvariant()}: {message}");
            stderr.Flush();
        }
    }
}
