namespace JenkinsLite.Core.Nodes;

/// <summary>
/// The controller's own node, the only one JenkinsLite has: its executors, and whether a user took it
/// offline (then no build starts on it). The state is saved before it is published, so a restart keeps it.
/// </summary>
public sealed class BuiltInNode
{
    public const string DisplayName = "Built-In Node";

    private readonly IBuiltInNodeStore _store;
    private readonly Func<int> _numExecutors;
    private readonly Lock _gate = new();
    private volatile NodeOfflineCause? _offlineCause;

    public BuiltInNode(IBuiltInNodeStore store, Func<int> numExecutors)
    {
        _store = store;
        _numExecutors = numExecutors;
        _offlineCause = store.LoadOfflineCause();
    }

    /// <summary>Raised after the node went offline or came back.</summary>
    public event Action? Changed;

    public int NumExecutors => Math.Max(0, _numExecutors());

    /// <summary>Why it is offline; null while it is online.</summary>
    public NodeOfflineCause? OfflineCause => _offlineCause;

    public bool IsOffline => _offlineCause is not null;

    /// <summary>
    /// The names Jenkins resolves to the built-in node in URLs and CLI commands: "" and "(built-in)", and
    /// "(master)" from older versions.
    /// </summary>
    public static bool IsNamed(string name) => name is "" or "(built-in)" or "(master)";

    /// <summary>Takes the node offline, or replaces the cause when it already is.</summary>
    public void TakeOffline(NodeOfflineCause cause) => Set(cause);

    public void BringOnline() => Set(null);

    /// <summary>Re-reads the stored state (after the home was reloaded from disk).</summary>
    public void Reload()
    {
        lock (_gate)
        {
            _offlineCause = _store.LoadOfflineCause();
        }

        Changed?.Invoke();
    }

    private void Set(NodeOfflineCause? cause)
    {
        lock (_gate)
        {
            if (cause is null && _offlineCause is null)
            {
                return;
            }

            _store.SaveOfflineCause(cause);
            _offlineCause = cause;
        }

        Changed?.Invoke();
    }
}
