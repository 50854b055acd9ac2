namespace JenkinsLite.Cli.Options;

/// <summary>The jar's connection modes; WebSocket is its default since Jenkins 2.391.</summary>
public enum TransportMode
{
    WebSocket,
    Http,
    Ssh,
}
