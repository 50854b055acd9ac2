using System.Collections.Concurrent;
using System.Diagnostics;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// Starts a build's processes from one thread that lives as long as the server. bubblewrap's
/// <c>--die-with-parent</c> (PR_SET_PDEATHSIG) fires when the <em>thread</em> that forked it ends, not its
/// process: a step started from a thread-pool thread was SIGKILLed when that thread retired after 20 s
/// idle, failing any sandboxed build longer than that on a quiet server. This thread never ends, so a
/// sandbox dies with the server and only then.
/// </summary>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Requests = new();

    static ProcessLauncher()
    {
        new Thread(Serve) { IsBackground = true, Name = "JenkinsLite process launcher" }.Start();
    }

    /// <summary>The started process; the start's failure (program missing, ...) as the task's exception.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo start)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((start, started));
        return started.Task;
    }

    private static void Serve()
    {
        foreach (var (start, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(start) ?? throw new InvalidOperationException(start.FileName + " did not start"));
            }
            catch (Exception e) // the caller's, not this thread's: it must keep serving the next start
            {
                started.SetException(e);
            }
        }
    }
}
