namespace JenkinsLite.Core.Builds;

/// <summary>
/// Jenkins' quiet-down mode, in preparation for a restart: while it is on, no new build starts (queue items
/// wait, "Jenkins is about to shut down"); running builds finish. Kept in memory only, as Jenkins does.
/// </summary>
public sealed class QuietDown
{
    private volatile State? _state;

    /// <summary>Raised when quiet-down begins or is cancelled.</summary>
    public event Action? Changed;

    public bool IsQuietingDown => _state is not null;

    /// <summary>The reason given, shown to users; null when none was given or when not quieting down.</summary>
    public string? Reason => _state?.Reason;

    /// <summary>Begins quiet-down, or replaces the reason when it is already on.</summary>
    public void Begin(string? reason)
    {
        _state = new State(reason);
        Changed?.Invoke();
    }

    public void Cancel()
    {
        _state = null;
        Changed?.Invoke();
    }

    private sealed record State(string? Reason);
}
