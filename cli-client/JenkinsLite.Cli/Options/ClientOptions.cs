namespace JenkinsLite.Cli.Options;

/// <summary>What the global options and the environment resolved to; nothing else is in here.</summary>
/// <param name="Url">The server's base URL, always with a trailing slash.</param>
/// <param name="Authorization">The Authorization header value, or null for anonymous.</param>
/// <param name="Command">The command name and its arguments, sent verbatim.</param>
/// <param name="Warnings">Lines to print on stderr before connecting.</param>
public sealed record ClientOptions(
    Uri Url,
    TransportMode Mode,
    string? Authorization,
    bool NoCertificateCheck,
    LogLevel LogLevel,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Warnings);
