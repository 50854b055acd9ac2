namespace JenkinsLite.Cli.Transport;

/// <summary>The server's answer to the WebSocket upgrade request.</summary>
/// <param name="Status">The status code of the status line.</param>
/// <param name="Headers">Each header once, in the order first seen; repeated headers joined with ",".</param>
/// <param name="Leftover">Bytes read past the blank line: the start of the WebSocket stream.</param>
internal sealed record HandshakeResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Leftover)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
