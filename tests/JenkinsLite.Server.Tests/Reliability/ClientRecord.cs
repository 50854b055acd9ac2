namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// What the crash harness' clients were told by answers that reached them: those promises must hold after
/// any crash. An operation whose answer was cut off by the kill may or may not have happened, so what it
/// touched is no longer checked (and its names are never used again).
/// </summary>
internal sealed class ClientRecord
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _busy = [];
    private int _counter;

    public List<TrackedToken> Tokens { get; } = [];

    public List<TrackedUser> Users { get; } = [];

    /// <summary>Jobs the client was told exist, with the config last accepted (null once an update was cut off).</summary>
    public Dictionary<string, byte[]?> Jobs { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DeletedJobs { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Views { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DeletedViews { get; } = new(StringComparer.Ordinal);

    /// <summary>Queue items a client was told were queued (201), by job: each stays queued or becomes that job's build.</summary>
    public Dictionary<string, List<long>> QueuedItems { get; } = new(StringComparer.Ordinal);

    /// <summary>The built-in node's offline message as last answered (null: online), unknown after a toggle was cut off.</summary>
    public string? NodeOfflineMessage { get; set; }

    public bool NodeStateKnown { get; set; } = true;

    /// <summary>Violations seen while traffic ran (a live token refused, say).</summary>
    public List<string> Violations { get; } = [];

    public string NewName(string prefix)
    {
        lock (_gate)
        {
            return $"{prefix}{++_counter}";
        }
    }

    /// <summary>Runs <paramref name="change"/> under the record's lock.</summary>
    public T Locked<T>(Func<T> change)
    {
        lock (_gate)
        {
            return change();
        }
    }

    public void Locked(Action change)
    {
        lock (_gate)
        {
            change();
        }
    }

    /// <summary>Leases one of <paramref name="candidates"/> so no other worker changes it at the same time.</summary>
    public string? Lease(Random random, IEnumerable<string> candidates)
    {
        lock (_gate)
        {
            var free = candidates.Where(c => !_busy.Contains(c)).ToList();
            if (free.Count == 0)
            {
                return null;
            }

            var chosen = free[random.Next(free.Count)];
            _busy.Add(chosen);
            return chosen;
        }
    }

    public void Release(string key)
    {
        lock (_gate)
        {
            _busy.Remove(key);
        }
    }

    public void ReleaseAll()
    {
        lock (_gate)
        {
            _busy.Clear();
        }
    }
}

internal enum TokenState
{
    Live,
    Revoked,

    /// <summary>A revoke was cut off: either state is allowed.</summary>
    Unknown,
}

internal sealed class TrackedToken(string owner, string uuid, string value)
{
    public string Owner { get; } = owner;

    public string Uuid { get; } = uuid;

    public string Value { get; } = value;

    public TokenState State { get; set; } = TokenState.Live;
}

/// <summary>A user and the passwords one of which must work (two while a change was cut off).</summary>
internal sealed class TrackedUser(string id, string password)
{
    public string Id { get; } = id;

    public List<string> Passwords { get; } = [password];
}
