namespace JenkinsLite.Cli.Options;

/// <summary>java.util.logging's levels, as <c>-logger LEVEL</c> takes them; FINE and below show the client's steps.</summary>
public enum LogLevel
{
    All = 0,
    Finest = 300,
    Finer = 400,
    Fine = 500,
    Config = 700,
    Info = 800,
    Warning = 900,
    Severe = 1000,
    Off = int.MaxValue,
}
