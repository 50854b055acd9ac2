using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// One hudson.tasks.Shell step, as Jenkins runs it: the command goes to a temp script run with
/// <c>/bin/sh -xe</c> in the workspace, stdout and stderr merged into the console. The shell starts in a
/// process group of its own (<c>setsid</c>), so stopping the build signals the whole tree: SIGTERM, then
/// SIGKILL after a grace period. Whatever the step left running is killed when it ends. The shell may
/// run under a wrapper (<see cref="BuildSandbox"/>) that keeps it in that process group.
/// </summary>
internal static class ShellStep
{
    public static async Task<int> RunAsync(string command, string workspace, string jobBaseName,
        IReadOnlyDictionary<string, string> environment, StepLaunch launch, ConsoleLog console, TimeSpan grace, CancellationToken aborted)
    {
        var temp = workspace + "@tmp";
        Directory.CreateDirectory(temp);
        var script = Path.Combine(temp, "jenkins" + RandomNumberGenerator.GetInt32(int.MaxValue).ToString(CultureInfo.InvariantCulture) + ".sh");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // the script may hold a password value
        }

        await using (var file = new FileStream(script, options))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(command), CancellationToken.None);
        }

        try
        {
            await launch.PrepareAsync();
            await console.WriteLineAsync($"[{jobBaseName}] $ /bin/sh -xe {script}", CancellationToken.None);
            var start = new ProcessStartInfo("setsid")
            {
                WorkingDirectory = workspace,
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };

            // stderr joins stdout in one pipe, so the "+ command" trace and the output keep their order.
            foreach (var argument in (string[])["--wait", .. launch.Wrapper, "/bin/sh", "-c", "exec /bin/sh -xe \"$0\" 2>&1", script])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var process = await ProcessLauncher.StartAsync(start);
            process.StandardInput.Close();
            var group = process.Id; // setsid runs the shell in place: it leads its own process group
            var output = PumpAsync(process.StandardOutput.BaseStream, console);
            var errors = PumpAsync(process.StandardError.BaseStream, console);
            using (aborted.Register(() => Terminate(process, group, grace)))
            {
                await process.WaitForExitAsync(CancellationToken.None);
            }

            // Background children of the step die with it (Jenkins' ProcessTreeKiller); their pipes then close.
            Signal(group, "KILL");
            await Task.WhenAll(output, errors);
            return process.ExitCode;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static void Terminate(Process process, int group, TimeSpan grace)
    {
        Signal(group, "TERM");
        _ = Task.Delay(grace).ContinueWith(_ =>
        {
            if (!process.HasExited)
            {
                Signal(group, "KILL");
            }
        }, TaskScheduler.Default);
    }

    private static async Task PumpAsync(Stream stream, ConsoleLog console)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            await console.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    /// <summary>Sends a signal to a whole process group (kill -SIG -- -pgid); a group already gone is fine.</summary>
    private static void Signal(int group, string signal)
    {
        var kill = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-" + signal, "--", "-" + group.ToString(CultureInfo.InvariantCulture) })
        {
            kill.ArgumentList.Add(argument);
        }

        using var process = Process.Start(kill);
        process?.WaitForExit();
    }
}
