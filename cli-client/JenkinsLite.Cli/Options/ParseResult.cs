namespace JenkinsLite.Cli.Options;

/// <summary>Either options to run with, or a message and the jar's exit code (usage errors: 255; -version: 0).</summary>
public sealed record ParseResult(ClientOptions? Options, int ExitCode, string? Message, bool ShowUsage)
{
    public static ParseResult Run(ClientOptions options) => new(options, 0, null, false);

    public static ParseResult Stop(int exitCode, string message, bool showUsage = false) => new(null, exitCode, message, showUsage);
}
