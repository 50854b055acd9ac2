using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// The built server (the JenkinsLite.Server.dll beside the tests) run as a child process on a home, so a
/// test can SIGKILL it as a crash would, in the middle of whatever it writes, and start it again.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>The last lines the server printed, for a failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join("\n", _output);
            }
        }
    }

    /// <summary>A new temp home, a copy of the seed home the tests' build carries.</summary>
    public static string CreateSeedHome(string prefix)
    {
        var home = Directory.CreateTempSubdirectory(prefix).FullName;
        var seed = Path.Combine(AppContext.BaseDirectory, "seed-home");
        foreach (var file in Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(home, Path.GetRelativePath(seed, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return home;
    }

    /// <summary>Starts the server on <paramref name="home"/> and returns once it answers HTTP.</summary>
    public static Task<ServerProcess> StartAsync(string home, TimeSpan timeout, params string[] arguments) =>
        StartAsync(home, [], timeout, arguments);

    /// <summary>
    /// Starts the server in a mount namespace of its own, its home a tmpfs of <paramref name="size"/> mounted
    /// over <paramref name="home"/> and filled with a copy of <paramref name="seed"/>. Only the server sees the
    /// file system; the test reaches it through <see cref="SeenByServer"/>.
    /// </summary>
    public static Task<ServerProcess> StartOnSmallFileSystemAsync(string home, string seed, string size, TimeSpan timeout) =>
        StartAsync(home, ["unshare", "--mount", "sh", "-c", $"mount -t tmpfs -o size={size} tmpfs \"$JENKINS_HOME\" && cp -a \"$0/.\" \"$JENKINS_HOME/\" && exec \"$@\"", seed], timeout, []);

    /// <summary>A path as the server process sees it (through its own mount namespace).</summary>
    public string SeenByServer(string path) => $"/proc/{_process.Id}/root{path}";

    private static async Task<ServerProcess> StartAsync(string home, string[] launcher, TimeSpan timeout, string[] arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in launcher.Skip(1).Concat(launcher.Length > 0 ? ["dotnet"] : [])
            .Concat([Path.Combine(AppContext.BaseDirectory, "JenkinsLite.Server.dll"), $"--httpPort={port}", "--httpListenAddress=127.0.0.1"])
            .Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JENKINS_HOME"] = home;
        start.Environment["DOTNET_gcServer"] = "0"; // one small heap and no profiling JIT: a faster start, which
        start.Environment["DOTNET_TieredPGO"] = "0"; // is most of the harness' time
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} while starting:\n{server.RecentOutput}");
            }

            try
            {
                using var response = await probe.GetAsync("whoAmI/api/json");
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(20);
            }
        }

        server.Kill();
        throw new TimeoutException($"The server did not answer within {timeout}:\n{server.RecentOutput}");
    }

    /// <summary>SIGKILL to the server and the build shells it started, as a crash or the OOM killer would.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops the server, and waits for it to exit.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40)
            {
                _output.Dequeue();
            }
        }
    }
}
