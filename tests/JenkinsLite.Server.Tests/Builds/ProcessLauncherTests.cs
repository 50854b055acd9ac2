using System.Diagnostics;
using JenkinsLite.Server.Builds;

namespace JenkinsLite.Server.Tests.Builds;

/// <summary>
/// bubblewrap's <c>--die-with-parent</c> is bound to the thread that forked it: a sandboxed step must outlive
/// the thread that asked for it (a retired thread-pool thread once killed builds 20 s in).
/// </summary>
internal sealed class ProcessLauncherTests
{
    [Test]
    public async Task StartAsync_AskingThreadEndsWhileTheSandboxRuns_TheSandboxLivesOn()
    {
        // Arrange: the asking thread ends once bubblewrap has bound its life to a parent
        var start = new ProcessStartInfo("bwrap") { UseShellExecute = false };
        foreach (var argument in (string[])["--ro-bind", "/", "/", "--unshare-pid", "--die-with-parent", "--", "sleep", "1"])
        {
            start.ArgumentList.Add(argument);
        }

        Process? process = null;
        var asker = new Thread(() =>
        {
            process = ProcessLauncher.StartAsync(start).GetAwaiter().GetResult();
            Thread.Sleep(300);
        });
        asker.Start();
        asker.Join();

        // Act
        using var sandbox = process!;
        await sandbox.WaitForExitAsync();

        // Assert
        Assert.That(sandbox.ExitCode, Is.Zero, "137 is the SIGKILL sent when the asking thread ended");
    }

    [Test]
    public void StartAsync_ProgramMissing_TheCallerGetsTheErrorAndTheLauncherServesTheNext()
    {
        // Act
        var missing = new ProcessStartInfo("/nonexistent/program") { UseShellExecute = false };
        Assert.That(async () => await ProcessLauncher.StartAsync(missing), Throws.InstanceOf<System.ComponentModel.Win32Exception>());
        using var next = ProcessLauncher.StartAsync(new ProcessStartInfo("true") { UseShellExecute = false }).GetAwaiter().GetResult();
        next.WaitForExit();

        // Assert
        Assert.That(next.ExitCode, Is.Zero);
    }
}
