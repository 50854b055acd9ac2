namespace JenkinsLite.Core.Builds;

/// <summary>
/// Keeps builds of some jobs from starting while their folders move or go (rename, delete), so no build
/// begins, or writes its record, in a folder that is no longer there. Disposing it lets them start again.
/// </summary>
public interface IBuildHold : IDisposable
{
    /// <summary>Aborts the held jobs' running builds and waits until they have ended; false if one outlasts <paramref name="timeout"/>.</summary>
    bool StopRunning(TimeSpan timeout);

    /// <summary>Runs <paramref name="change"/> if none of the held jobs is building, with no build able to start meanwhile.</summary>
    bool RunIfIdle(Action change);
}
