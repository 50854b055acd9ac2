using System.Diagnostics;
using JenkinsLite.Core.Builds;
using JenkinsLite.Persistence.Config;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// Keeps shell steps away from the home (decisions.md #16). Each step runs under bubblewrap in PID, mount,
/// IPC and UTS namespaces of its own: the machine's tools are there read-only, the home is an empty tmpfs
/// with only the job's workspace and its <c>@tmp</c> bound back read-write, and /tmp, /var/tmp, /dev/shm
/// and HOME are private. The network is shared on purpose: builds fetch sources and call the server.
/// A server running as root runs the step as nobody. config.xml's switch and whether bubblewrap works
/// decide, at start and on every reload; builds not sandboxed are logged and shown to admins.
/// </summary>
internal sealed partial class BuildSandbox : IHostedService
{
    /// <summary>Who runs the step when the server is root; Debian's unprivileged user and group.</summary>
    private const string StepUser = "nobody";
    private const string StepGroup = "nogroup";

    private const string ResolverConfig = "/etc/resolv.conf";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    // Where the machine's tools and their configuration live; bound read-only when they exist.
    private static readonly string[] SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt"];

    // The step's own folders named by its environment; they get an empty tmpfs like /tmp.
    private static readonly string[] PrivateFolderVariables = ["HOME", "TMPDIR"];

    private readonly JenkinsInstance _instance;
    private readonly ILogger<BuildSandbox> _logger;
    private readonly string[] _hiddenHomes;
    private volatile SandboxState _state;

    public BuildSandbox(JenkinsInstance instance, ILogger<BuildSandbox> logger)
    {
        _instance = instance;
        _logger = logger;
        var home = Path.TrimEndingDirectorySeparator(Path.GetFullPath(instance.Home.Root));
        // The home is hidden under the path builds see and, if a symlink leads elsewhere, under its real one.
        _hiddenHomes = [.. new[] { home, RealPathOf(home) }.Distinct(StringComparer.Ordinal)];
        _state = Decide();
    }

    /// <summary>Whether steps run sandboxed now and, when not, why.</summary>
    public SandboxState State => _state;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        WarnIfNotSandboxed(_state);
        _instance.Reloaded += OnReloaded;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _instance.Reloaded -= OnReloaded;
        return Task.CompletedTask;
    }

    /// <summary>How this build's steps start; false, with the console's explanation, when the sandbox is required but cannot be made.</summary>
    public bool TryLaunch(string workspace, IReadOnlyDictionary<string, string> environment, out StepLaunch launch, out string refusal)
    {
        var state = _state;
        var handedOver = false;
        refusal = string.Empty;
        launch = StepLaunch.Direct;
        if (state.Bubblewrap is not { } bubblewrap)
        {
            if (state.Mode == BuildSandboxMode.Required)
            {
                refusal = $"ERROR: config.xml requires builds to run in a sandbox (<{JenkinsConfigRepository.BuildSandboxElement}>sandbox</{JenkinsConfigRepository.BuildSandboxElement}>), but none can be made: {state.Problem}";
                return false;
            }

            return true;
        }

        var folders = new[] { workspace, workspace + "@tmp" };
        launch = new StepLaunch(Wrapper(bubblewrap, folders, environment), Environment.IsPrivilegedProcess ? PrepareStepAsync : null);
        return true;

        // The whole workspace before the first step (an earlier build may have run unsandboxed); later steps
        // write as the step's user, so only @tmp, where the server writes each step's script, is left to hand over.
        async Task PrepareStepAsync()
        {
            await HandOverAsync(handedOver ? [folders[1]] : folders);
            handedOver = true;
        }
    }

    private void OnReloaded()
    {
        var state = Decide();
        _state = state;
        WarnIfNotSandboxed(state);
    }

    private void WarnIfNotSandboxed(SandboxState state)
    {
        if (!state.Sandboxed)
        {
            LogNotSandboxed(_logger, state.Problem!);
        }
    }

    private SandboxState Decide()
    {
        var mode = _instance.Security.BuildSandbox;
        if (mode == BuildSandboxMode.None)
        {
            return new SandboxState(mode, null,
                $"config.xml sets <{JenkinsConfigRepository.BuildSandboxElement}>none</{JenkinsConfigRepository.BuildSandboxElement}>, so a build step can read the whole home, secrets included, as in Jenkins");
        }

        var bubblewrap = Locate(_instance.Options.BubblewrapPath);
        var problem = bubblewrap is null
            ? $"bubblewrap is not installed ({_instance.Options.BubblewrapPath} was not found); install the bubblewrap package"
            : Probe(bubblewrap);
        if (problem is not null && mode == BuildSandboxMode.Required)
        {
            problem += "; builds fail until it works, because config.xml requires the sandbox";
        }

        return new SandboxState(mode, problem is null ? bubblewrap : null, problem);
    }

    // One sandbox like a step's, running `true`: proves namespaces, mounts and the user switch work here.
    private string? Probe(string bubblewrap)
    {
        var environment = PrivateFolderVariables.Where(n => Environment.GetEnvironmentVariable(n) is not null)
            .ToDictionary(n => n, n => Environment.GetEnvironmentVariable(n)!, StringComparer.Ordinal);
        var start = Start(Wrapper(bubblewrap, [], environment));
        start.ArgumentList.Add("/bin/true");
        try
        {
            using var process = ProcessLauncher.StartAsync(start).GetAwaiter().GetResult();
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return "bubblewrap did not make a sandbox within " + ProbeTimeout.TotalSeconds + " s";
            }

            return process.ExitCode == 0 ? null
                : "bubblewrap could not make a sandbox here: " + FirstLine(errors.GetAwaiter().GetResult(), process.ExitCode);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "bubblewrap could not be started: " + e.Message;
        }
    }

    /// <summary>
    /// The command that precedes a step's shell, binding <paramref name="folders"/> (none for the probe).
    /// env ignores SIGTERM for bubblewrap and restores it for the step: stopping a build signals the whole
    /// process group, and the step must get its grace period instead of dying with a terminated bwrap.
    /// </summary>
    private List<string> Wrapper(string bubblewrap, string[] folders, IReadOnlyDictionary<string, string> environment)
    {
        var arguments = new List<string> { "env", "--ignore-signal=TERM", bubblewrap };
        foreach (var folder in SystemFolders)
        {
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is { } target && !Path.IsPathRooted(target))
            {
                arguments.AddRange(["--symlink", target, folder]); // merged /usr: /bin -> usr/bin
            }
            else if (info.Exists)
            {
                arguments.AddRange(["--ro-bind", folder, folder]);
            }
        }

        // systemd-resolved makes /etc/resolv.conf a link into /run: its target keeps names resolving.
        if (RealPathOf(ResolverConfig) is var resolver && resolver != ResolverConfig && File.Exists(resolver))
        {
            arguments.AddRange(["--ro-bind", resolver, resolver]);
        }

        arguments.AddRange(["--proc", "/proc", "--dev", "/dev"]);

        // Empty tmpfs over the private folders (writable by the step) and the home; outer folders first.
        var privateFolders = new List<string> { "/tmp", "/var/tmp", "/dev/shm" };
        foreach (var name in PrivateFolderVariables)
        {
            if (environment.TryGetValue(name, out var value) && Path.IsPathFullyQualified(value) && Path.TrimEndingDirectorySeparator(value) != "/")
            {
                privateFolders.Add(Path.TrimEndingDirectorySeparator(value));
            }
        }

        var tmpfs = privateFolders.Select(f => (Path: f, Perms: "1777")).Concat(_hiddenHomes.Select(h => (Path: h, Perms: "0755")))
            .DistinctBy(t => t.Path).OrderBy(t => t.Path, StringComparer.Ordinal);
        foreach (var (path, perms) in tmpfs)
        {
            arguments.AddRange(["--perms", perms, "--tmpfs", path]);
        }

        // The folders between the home and the workspace, traversable by the step's user; then the workspace.
        var parents = folders.Select(f => Path.GetRelativePath(_hiddenHomes[0], Path.GetDirectoryName(f)!)).Distinct(StringComparer.Ordinal);
        foreach (var relative in parents.Where(r => r != "."))
        {
            var path = _hiddenHomes[0];
            foreach (var part in relative.Split('/'))
            {
                path = Path.Combine(path, part);
                arguments.AddRange(["--perms", "0755", "--dir", path]);
            }
        }

        foreach (var folder in folders)
        {
            arguments.AddRange(["--bind", folder, folder]);
        }

        if (folders.Length > 0)
        {
            arguments.AddRange(["--chdir", folders[0]]);
        }

        arguments.AddRange(["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--",
            "env", "--default-signal=TERM"]);
        if (Environment.IsPrivilegedProcess)
        {
            arguments.AddRange(["setpriv", "--reuid=" + StepUser, "--regid=" + StepGroup, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]);
        }

        return arguments;
    }

    // The step's user must own what it writes. find -P never follows a symlink, and chown -h run from the
    // entry's own folder (-execdir) changes the link itself: a link planted in the workspace cannot redirect it.
    private static async Task HandOverAsync(string[] folders)
    {
        var start = Start(["find", "-P", .. folders, "(", "!", "-user", StepUser, "-o", "!", "-group", StepGroup, ")",
            "-execdir", "chown", "-h", StepUser + ":" + StepGroup, "{}", "+"]);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new IOException($"the workspace could not be handed to {StepUser}: {FirstLine(await errors, process.ExitCode)}");
        }
    }

    private static ProcessStartInfo Start(List<string> command)
    {
        var start = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string FirstLine(string text, int exitCode) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {exitCode}";

    /// <summary>A path with a '/' as given; a bare name searched on PATH, as a shell would.</summary>
    private static string? Locate(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
    }

    private static string RealPathOf(string path)
    {
        var real = "/";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            real = Path.Combine(real, part);
            if (new DirectoryInfo(real).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                real = RealPathOf(target.FullName);
            }
        }

        return real;
    }

    [LoggerMessage(EventId = 48, Level = LogLevel.Warning, Message = "Builds are not sandboxed: {Reason}")]
    private static partial void LogNotSandboxed(ILogger logger, string reason);
}

/// <summary>The sandbox decision: the switch, the bubblewrap to use (null: steps are not sandboxed), and why not.</summary>
internal sealed record SandboxState(BuildSandboxMode Mode, string? Bubblewrap, string? Problem)
{
    public bool Sandboxed => Bubblewrap is not null;
}
