using System.Collections.Concurrent;

namespace JenkinsLite.Server.Cli;

/// <summary>
/// Download sides of <c>-http</c> sessions waiting for their upload side, by the client's Session UUID
/// (Jenkins' FullDuplexHttpService). An entry lives only until it is paired or its wait ends.
/// </summary>
internal sealed class DuplexSessions
{
    private readonly ConcurrentDictionary<Guid, DuplexSession> _waiting = new();

    public DuplexSession? Register(Guid id, string userName)
    {
        var session = new DuplexSession(userName);
        return _waiting.TryAdd(id, session) ? session : null;
    }

    /// <summary>The waiting download side of this UUID, removed so no second upload can claim it.</summary>
    public DuplexSession? Claim(Guid id) => _waiting.TryRemove(id, out var session) ? session : null;

    public void Forget(Guid id, DuplexSession session) =>
        _waiting.TryRemove(new KeyValuePair<Guid, DuplexSession>(id, session));
}
