using System.Diagnostics;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace JenkinsLite.Server.Tests.Builds;

/// <summary>
/// Shell steps in the bubblewrap sandbox (decisions.md #16): what a step can no longer reach (the home's
/// secrets, users, global config, other jobs, the server process), what it still can (its workspace and
/// @tmp, the tools, the network), stop and abort inside it, and the config.xml switch.
/// </summary>
internal sealed class BuildSandboxTests
{
    private const string MissingBubblewrap = "/nonexistent/bwrap";

    // Each reach for the home prints a marker only when it succeeded; `set +e` lets every one be tried.
    private static readonly string Snoop = $"""
        set +e
        ls "$JENKINS_HOME/secrets" && echo SECRETS-LISTED
        cat "$JENKINS_HOME"/users/*/config.xml && echo USERS-READ
        cat "$JENKINS_HOME/config.xml" && echo GLOBAL-CONFIG-READ
        cat "$JENKINS_HOME/jobs/other/config.xml" && echo OTHER-JOB-READ
        ls "$JENKINS_HOME/workspace/other" && echo OTHER-WORKSPACE-LISTED
        test -e /proc/{Environment.ProcessId} && echo SERVER-PROCESS-VISIBLE
        echo "PROCESSES=$(ps -e --no-headers | wc -l)"
        echo "USER=$(id -un)"
        """;

    private const string Worker = """
        echo built > out.txt
        echo scratch > "$WORKSPACE_TMP/scratch.txt"
        echo "TOOLS=$(printf 'a\nb\n' | grep -c . | cat)"
        ls / > /dev/null
        echo home > "$HOME/probe.txt"
        echo tmp > /tmp/probe.txt
        curl -s -o /dev/null -w 'SERVER-ANSWERED=%{http_code}\n' "${JENKINS_URL}login"
        """;

    private static readonly Dictionary<string, string> Jobs = new()
    {
        ["snoop"] = BuildKit.Freestyle(Snoop),
        ["worker"] = BuildKit.Freestyle(Worker),
        // "sleeping" and "trapped" are printed once the background sleep is forked, in one write: trace lines of two
        // processes at once interleave in pieces ("+ sleep+ sleep 61\n 60", "+ + sleep 60\nwait"), so the console's
        // traces cannot tell when both run.
        ["sleeper"] = BuildKit.Freestyle("sleep 61 &\nprintf 'sl%sing\\n' eep\nsleep 60"),
        ["trapper"] = BuildKit.Freestyle("trap 'echo got TERM; sleep 1; echo cleaned up; exit 1' TERM\nsleep 60 &\nprintf 'tr%sped\\n' ap\nwait"),
        ["other"] = BuildKit.Freestyle("true"),
        ["two-steps"] = BuildKit.Freestyle("echo \"second=$(id -un)\" > second.txt").Replace("<builders>", """
            <builders>
                <hudson.tasks.Shell><command>echo "first=$(id -un)" > first.txt</command></hudson.tasks.Shell>
            """, StringComparison.Ordinal),
    };

    /// <summary>A seeded server with <see cref="Jobs"/>; <paramref name="setting"/> is the element's text (null: absent).</summary>
    private static async Task<TestServer> StartAsync(string? setting = null, string? bubblewrap = null)
    {
        var server = await TestServer.StartSeededAsync(bubblewrap is null ? null : o => o with { BubblewrapPath = bubblewrap });
        BuildKit.AddJobs(server.Home, Jobs);
        if (setting is not null)
        {
            SetSwitch(server.Home, setting);
        }

        var otherWorkspace = Path.Combine(server.Home, "workspace", "other");
        Directory.CreateDirectory(otherWorkspace);
        File.WriteAllText(Path.Combine(otherWorkspace, "other-result.txt"), "not yours");
        await server.RestartAsync();
        return server;
    }

    private static void SetSwitch(string home, string setting)
    {
        var config = Path.Combine(home, "config.xml");
        var text = File.ReadAllText(config);
        var start = text.IndexOf("  <jenkinslite.buildSandbox>", StringComparison.Ordinal);
        if (start >= 0)
        {
            var end = text.IndexOf('\n', start);
            text = text.Remove(start, end - start + 1);
        }

        File.WriteAllText(config, text.Replace("</hudson>", $"  <jenkinslite.buildSandbox>{setting}</jenkinslite.buildSandbox>\n</hudson>", StringComparison.Ordinal));
    }

    /// <summary>The admin with an API token: posts from scripts need no crumb.</summary>
    private static async Task<HttpClient> AdminAsync(TestServer server)
    {
        var (token, _) = await server.GenerateTokenAsync("admin", server.AdminPassword!);
        return server.Client("admin", token);
    }

    private static async Task<(string Path, string Result, string Console)> BuildAsync(TestServer server, string job)
    {
        using var admin = await AdminAsync(server);
        var (path, build) = await BuildKit.BuildAsync(admin, $"job/{job}/build");
        return (path, build["result"]!.ToString(), await BuildKit.ConsoleAsync(admin, path));
    }

    private static async Task<string> ManagePageAsync(TestServer server)
    {
        using var admin = server.Client("admin", server.AdminPassword);
        using var response = await admin.GetAsync("manage/");
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    private static string[] Warnings(TestServer server) =>
        [.. server.Log.Lines.Where(l => l.Level == LogLevel.Warning && l.Text.StartsWith("Builds are not sandboxed: ", StringComparison.Ordinal)).Select(l => l.Text)];

    private static string OwnerOf(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }

    /// <summary>The default: bubblewrap is installed (the test command installs it), no element in config.xml.</summary>
    [TestFixture]
    internal sealed class Sandboxed
    {
        private TestServer _server = null!;
        private string _snoop = null!;

        [OneTimeSetUp]
        public async Task StartAsync()
        {
            _server = await BuildSandboxTests.StartAsync();
            (_, var result, _snoop) = await BuildAsync(_server, "snoop");
            Assert.That(result, Is.EqualTo("SUCCESS"), _snoop);
        }

        [OneTimeTearDown]
        public async Task StopAsync() => await _server.DisposeAsync();

        [Test]
        public void Step_CannotListSecrets()
        {
            Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(_server.Home, "secrets")), Is.Not.Empty, "the home has secrets to hide");
            Assert.That(_snoop, Does.Not.Contain("SECRETS-LISTED"));
            foreach (var secret in Directory.EnumerateFileSystemEntries(Path.Combine(_server.Home, "secrets")))
            {
                Assert.That(_snoop, Does.Not.Contain(Path.GetFileName(secret)));
            }
        }

        [Test]
        public void Step_CannotReadUsers()
        {
            Assert.That(_snoop, Does.Not.Contain("USERS-READ"));
            Assert.That(_snoop, Does.Not.Contain("passwordHash"));
        }

        [Test]
        public void Step_CannotReadGlobalConfig()
        {
            Assert.That(_snoop, Does.Not.Contain("GLOBAL-CONFIG-READ"));
            Assert.That(_snoop, Does.Not.Contain("authorizationStrategy"));
        }

        [Test]
        public void Step_CannotReachAnotherJob()
        {
            Assert.That(_snoop, Does.Not.Contain("OTHER-JOB-READ"));
            Assert.That(_snoop, Does.Not.Contain("OTHER-WORKSPACE-LISTED"));
            Assert.That(_snoop, Does.Not.Contain("other-result.txt"));
        }

        [Test]
        public void Step_SeesOnlyTheSandboxProcesses()
        {
            Assert.That(_snoop, Does.Not.Contain("SERVER-PROCESS-VISIBLE"));
            var count = int.Parse(System.Text.RegularExpressions.Regex.Match(_snoop, "PROCESSES=([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(count, Is.InRange(2, 6), "bwrap, the shell, ps and wc; never the server's");
        }

        [Test]
        public void Step_OfARootServer_RunsAsNobody()
        {
            Assume.That(Environment.IsPrivilegedProcess, "the server runs as an ordinary user: the step keeps that user");
            Assert.That(_snoop, Does.Contain("USER=nobody\n"));
        }

        [Test]
        public async Task Step_WritesWorkspaceAndTmp_RunsTools_ReachesTheServer()
        {
            // Act
            var (_, result, console) = await BuildAsync(_server, "worker");

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(result, Is.EqualTo("SUCCESS"), console);
                Assert.That(File.ReadAllText(Path.Combine(_server.Home, "workspace", "worker", "out.txt")), Is.EqualTo("built\n"));
                Assert.That(File.ReadAllText(Path.Combine(_server.Home, "workspace", "worker@tmp", "scratch.txt")), Is.EqualTo("scratch\n"));
                Assert.That(console, Does.Contain("TOOLS=2\n"));
                Assert.That(console, Does.Match("SERVER-ANSWERED=[1-5][0-9][0-9]"), "curl reached the server's loopback port");
            });
        }

        [Test]
        public async Task Step_OfARootServer_HandsOverTheWorkspaceWithoutFollowingLinks()
        {
            // Arrange: a link in the workspace to a file of root's outside it
            Assume.That(Environment.IsPrivilegedProcess, "only a root server hands the workspace to nobody");
            var outside = Path.Combine(_server.Home, "outside.txt");
            File.WriteAllText(outside, "root's");
            var workspace = Path.Combine(_server.Home, "workspace", "worker");
            Directory.CreateDirectory(workspace);
            var link = Path.Combine(workspace, "link-to-outside");
            File.Delete(link);
            File.CreateSymbolicLink(link, outside);

            // Act
            var (_, result, console) = await BuildAsync(_server, "worker");

            // Assert
            Assert.That(result, Is.EqualTo("SUCCESS"), console);
            Assert.That(OwnerOf(outside), Is.EqualTo("root"));
            Assert.That(OwnerOf(link), Is.EqualTo("nobody"));
            Assert.That(OwnerOf(Path.Combine(workspace, "out.txt")), Is.EqualTo("nobody"));
        }

        [Test]
        public async Task Steps_Several_EachRunsInTheSandboxAsTheSameUser()
        {
            // Act
            var (_, result, console) = await BuildAsync(_server, "two-steps");

            // Assert: the server writes each step's script; the second one too must be the step's to read
            var user = Environment.IsPrivilegedProcess ? "nobody" : Environment.UserName;
            var workspace = Path.Combine(_server.Home, "workspace", "two-steps");
            Assert.That(result, Is.EqualTo("SUCCESS"), console);
            Assert.That(File.ReadAllText(Path.Combine(workspace, "first.txt")), Is.EqualTo($"first={user}\n"));
            Assert.That(File.ReadAllText(Path.Combine(workspace, "second.txt")), Is.EqualTo($"second={user}\n"));
        }

        [Test]
        public async Task Stop_SleepInsideTheSandbox_AbortsWithinSecondsAndLeavesNoProcess()
        {
            // Arrange
            using var admin = await AdminAsync(_server);
            var path = await StartedBuildAsync(admin, "sleeper", "sleeping\n");

            // Act
            var clock = Stopwatch.StartNew();
            using var stop = await admin.PostAsync(path + "stop", null);
            var build = await BuildKit.FinishedBuildAsync(admin, path, TimeSpan.FromSeconds(10));
            clock.Stop();

            // Assert
            Assert.That(build["result"]!.ToString(), Is.EqualTo("ABORTED"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(BuildKit.ProcessesOfHome(_server.Home), Is.Empty, "sleep 60, its background sleep 61 and the sandbox are gone");
        }

        [Test]
        public async Task Stop_StepTrappingTerm_GetsItsGracePeriodInsideTheSandbox()
        {
            // Arrange
            using var admin = await AdminAsync(_server);
            var path = await StartedBuildAsync(admin, "trapper", "trapped\n");

            // Act
            using var stop = await admin.PostAsync(path + "stop", null);
            var build = await BuildKit.FinishedBuildAsync(admin, path, TimeSpan.FromSeconds(10));

            // Assert: SIGTERM reached the shell, and bubblewrap did not kill it before its trap ended
            var console = await BuildKit.ConsoleAsync(admin, path);
            Assert.That(build["result"]!.ToString(), Is.EqualTo("ABORTED"));
            Assert.That(console, Does.Contain("got TERM\n").And.Contain("cleaned up\n"));
            Assert.That(BuildKit.ProcessesOfHome(_server.Home), Is.Empty);
        }

        [Test]
        public async Task Start_Sandboxed_NoWarningAndNoMonitor()
        {
            Assert.That(Warnings(_server), Is.Empty);
            Assert.That(await ManagePageAsync(_server), Does.Not.Contain("build-sandbox-monitor"));
        }

        private static async Task<string> StartedBuildAsync(HttpClient admin, string job, string started)
        {
            var path = await BuildKit.StartedBuildAsync(admin, $"job/{job}/build");
            // Generous: a loaded machine may take seconds to start a sandbox.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!(await BuildKit.ConsoleAsync(admin, path)).Contains(started, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline)
                {
                    // Stopped, so its processes do not fail the next test's "no process left" check; what the
                    // build, its console and the executors looked like says why it never got there.
                    var build = await admin.GetStringAsync(path + "api/json?tree=building,result,timestamp");
                    var console = await BuildKit.ConsoleAsync(admin, path);
                    var executors = await admin.GetStringAsync("computer/api/json?tree=computer[executors[currentExecutable[url]]]");
                    using var stop = await admin.PostAsync(path + "stop", null);
                    Assert.Fail($"{job} never reached '{started}': build {build}; executors {executors}; console:\n{console}");
                }

                await Task.Delay(50);
            }

            return path;
        }
    }

    [Test]
    public async Task None_StepReadsTheHomeAsInJenkins_WarnsAndShowsTheMonitor()
    {
        // Arrange
        await using var server = await StartAsync("none");

        // Act
        var (_, result, console) = await BuildAsync(server, "snoop");

        // Assert: the same probe that finds nothing in the sandbox finds everything without it
        Assert.Multiple(async () =>
        {
            Assert.That(result, Is.EqualTo("SUCCESS"), console);
            Assert.That(console, Does.Contain("SECRETS-LISTED").And.Contain("master.key"));
            Assert.That(console, Does.Contain("USERS-READ").And.Contain("passwordHash"));
            Assert.That(console, Does.Contain("GLOBAL-CONFIG-READ").And.Contain("OTHER-JOB-READ").And.Contain("OTHER-WORKSPACE-LISTED"));
            Assert.That(console, Does.Contain("SERVER-PROCESS-VISIBLE"));
            Assert.That(Warnings(server), Has.Length.EqualTo(1).And.Some.Contains("<jenkinslite.buildSandbox>none</jenkinslite.buildSandbox>"));
            Assert.That(await ManagePageAsync(server), Does.Contain("id=\"build-sandbox-monitor\""));
        });
    }

    [Test]
    public async Task Required_WithoutBubblewrap_BuildFailsSayingWhy()
    {
        // Arrange
        await using var server = await StartAsync("sandbox", MissingBubblewrap);

        // Act
        var (path, result, console) = await BuildAsync(server, "snoop");

        // Assert
        Assert.That(result, Is.EqualTo("FAILURE"));
        Assert.That(console, Does.Contain("ERROR: config.xml requires builds to run in a sandbox").And.Contain("bubblewrap is not installed"));
        Assert.That(console, Does.Not.Contain("SECRETS-LISTED").And.Not.Contain("+ ls"), "no step ran");
        Assert.That(Warnings(server), Is.Not.Empty);
        Assert.That(path, Does.StartWith("job/snoop/"));
    }

    [Test]
    public async Task Absent_WithoutBubblewrap_RunsUnsandboxed_WarnsAndShowsAdminsTheMonitor()
    {
        // Arrange
        await using var server = await StartAsync(bubblewrap: MissingBubblewrap);

        // Act
        var (_, result, console) = await BuildAsync(server, "snoop");
        using var anonymous = server.Client();
        using var anonymousManage = await anonymous.GetAsync("manage/");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(result, Is.EqualTo("SUCCESS"), console);
            Assert.That(console, Does.Contain("SECRETS-LISTED"), "as in Jenkins");
            Assert.That(Warnings(server), Is.Not.Empty.And.All.Contains("bubblewrap is not installed"), "one at each start");
            var page = await ManagePageAsync(server);
            Assert.That(page, Does.Contain("id=\"build-sandbox-monitor\"").And.Contain("bubblewrap is not installed"));
            Assert.That(await anonymousManage.Content.ReadAsStringAsync(), Does.Not.Contain("build-sandbox-monitor"));
        });
    }

    [Test]
    public async Task Reload_SwitchedToNone_WarnsAndShowsTheMonitor_BackToDefault_HidesIt()
    {
        // Arrange
        await using var server = await StartAsync();
        Assert.That(await ManagePageAsync(server), Does.Not.Contain("build-sandbox-monitor"));

        // Act
        SetSwitch(server.Home, "none");
        using (var reload = await Fixtures.HomeKit.PostWithPasswordAsync(server, "admin", server.AdminPassword!, "reload"))
        {
            Assert.That((int)reload.StatusCode, Is.LessThan(400));
        }

        var (_, _, console) = await BuildAsync(server, "snoop");

        // Assert
        Assert.That(Warnings(server), Has.Length.EqualTo(1));
        Assert.That(await ManagePageAsync(server), Does.Contain("build-sandbox-monitor"));
        Assert.That(console, Does.Contain("SECRETS-LISTED"));

        // Act: back to the default
        SetSwitch(server.Home, "sandbox");
        using (var reload = await Fixtures.HomeKit.PostWithPasswordAsync(server, "admin", server.AdminPassword!, "reload"))
        {
            Assert.That((int)reload.StatusCode, Is.LessThan(400));
        }

        // Assert
        Assert.That(await ManagePageAsync(server), Does.Not.Contain("build-sandbox-monitor"));
        Assert.That((await BuildAsync(server, "snoop")).Console, Does.Not.Contain("SECRETS-LISTED"));
    }
}
