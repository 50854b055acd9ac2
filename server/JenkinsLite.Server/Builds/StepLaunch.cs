namespace JenkinsLite.Server.Builds;

/// <summary>
/// How a shell step's <c>/bin/sh</c> is started: the programs it runs under (none for Jenkins' way, the
/// sandbox otherwise), and what must happen once its script is written and before it starts.
/// </summary>
internal sealed class StepLaunch(IReadOnlyList<string> wrapper, Func<Task>? prepare = null)
{
    /// <summary>The shell started directly, as Jenkins does.</summary>
    public static readonly StepLaunch Direct = new([]);

    /// <summary>Program and arguments that precede <c>/bin/sh</c>.</summary>
    public IReadOnlyList<string> Wrapper => wrapper;

    public Task PrepareAsync() => prepare?.Invoke() ?? Task.CompletedTask;
}
