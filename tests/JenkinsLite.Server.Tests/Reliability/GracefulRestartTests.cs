using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JenkinsLite.Persistence.Xml;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// Restarts an admin asks for: a SIGTERM to the server process, or POST /reload, while tokens are used and
/// a build waits in the queue. Usage counters never go back and the queued build survives.
/// </summary>
[NonParallelizable]
internal sealed class GracefulRestartTests
{
    private const string TokenBase = "descriptorByName/jenkins.security.ApiTokenProperty";

    private string _home = null!;
    private ServerProcess? _server;

    [SetUp]
    public void CreateHome()
    {
        _home = ServerProcess.CreateSeedHome("jenkinslite-restart-");

        // A long quiet period keeps the triggered build in the queue across the stop.
        var config = Path.Combine(_home, "config.xml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("<quietPeriod>5</quietPeriod>", "<quietPeriod>60</quietPeriod>", StringComparison.Ordinal));
    }

    [TearDown]
    public void RemoveHome()
    {
        _server?.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    [Test]
    public async Task SigtermWhileTokensAreUsed_KeepsUsageCountsAndTheQueue()
    {
        _server = await ServerProcess.StartAsync(_home, TimeSpan.FromSeconds(120));
        var (uuid, token) = await CreateAdminTokenAsync();
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{token}")));

        using (var build = await http.PostAsync("job/hello-world/build", null))
        {
            Assert.That(build.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the build is queued");
        }

        // Uses still under way when the stop comes may or may not count; those answered before it must.
        var answered = 0;
        using var stopUsing = new CancellationTokenSource();
        var users = Task.Run(async () =>
        {
            while (!stopUsing.IsCancellationRequested)
            {
                try
                {
                    using var reply = await http.GetAsync("whoAmI/api/json", stopUsing.Token);
                    if (reply.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref answered);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    return;
                }
            }
        });
        while (Volatile.Read(ref answered) < 20)
        {
            await Task.Delay(10);
        }

        var answeredBeforeStop = Volatile.Read(ref answered);
        var exitCode = await _server.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        await stopUsing.CancelAsync();
        await users;
        Assert.That(exitCode, Is.Zero, $"a graceful stop exits cleanly:\n{_server.RecentOutput}");
        var countAtStop = UseCount(uuid);
        Assert.That(countAtStop, Is.GreaterThanOrEqualTo(answeredBeforeStop), "every use answered before the stop is counted on disk");

        _server.Dispose();
        _server = await ServerProcess.StartAsync(_home, TimeSpan.FromSeconds(120));
        using var again = new HttpClient { BaseAddress = _server.BaseUri };
        again.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        var queue = JObject.Parse(await again.GetStringAsync("queue/api/json"));
        Assert.That(queue["items"]!.Select(i => i["task"]?["name"]?.ToString()), Does.Contain("hello-world"), "the queued build survived the restart");

        using (var use = await again.GetAsync("whoAmI/api/json"))
        {
            Assert.That(use.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await _server.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        Assert.That(UseCount(uuid), Is.GreaterThan(countAtStop), "the counter goes on from where it was, never back");
    }

    [Test]
    public async Task ReloadWhileTokensAreUsed_NeverSetsUsageCountsBack()
    {
        _server = await ServerProcess.StartAsync(_home, TimeSpan.FromSeconds(120));
        var (uuid, token) = await CreateAdminTokenAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{token}")));
        using (var build = await http.PostAsync("job/hello-world/build", null))
        {
            Assert.That(build.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the build is queued");
        }

        // Uses counted only in memory so far (they reach the disk every few seconds) must survive the reload.
        const int uses = 15;
        for (var i = 0; i < uses; i++)
        {
            using var use = await http.GetAsync("whoAmI/api/json");
            Assert.That(use.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var reload = await http.PostAsync("reload", null))
        {
            Assert.That(reload.StatusCode, Is.EqualTo(HttpStatusCode.Found), "the reload succeeds");
        }

        using (var use = await http.GetAsync("whoAmI/api/json"))
        {
            Assert.That(use.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the token still works after the reload");
        }

        var queue = JObject.Parse(await http.GetStringAsync("queue/api/json"));
        Assert.That(queue["items"]!.Select(i => i["task"]?["name"]?.ToString()), Does.Contain("hello-world"), "the queued build survived the reload");
        await _server.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        Assert.That(UseCount(uuid), Is.GreaterThanOrEqualTo(uses + 1), "uses before and after the reload are all counted");
    }

    [Test]
    public async Task SigtermWithCliSessionsOpen_EndsThemWithAnErrorAndStops()
    {
        _server = await ServerProcess.StartAsync(_home, TimeSpan.FromSeconds(120));
        var (_, token) = await CreateAdminTokenAsync();
        await using var http = OpenCliSession("-http", token, "create-job", "never-http");
        await using var webSocket = OpenCliSession("-webSocket", token, "create-job", "never-ws");
        await Task.Delay(TimeSpan.FromSeconds(3)); // both sessions wait for the job's config on stdin

        var exitCode = await _server.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        var ended = await Task.WhenAll(http.EndedWithinAsync(TimeSpan.FromSeconds(15)), webSocket.EndedWithinAsync(TimeSpan.FromSeconds(15)));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, $"the server stops cleanly with sessions open:\n{_server.RecentOutput}");
            foreach (var (mode, code, stderr) in ended)
            {
                Assert.That(code, Is.Not.Null, $"the {mode} client still hangs after the server stopped");
                Assert.That(code, Is.Not.Zero, $"the {mode} client reports the lost session as an error: {stderr}");
                Assert.That(stderr, Is.Not.Empty, $"the {mode} client says why");
                Assert.That(stderr, Does.Not.Contain("   at "), $"the {mode} client prints a message, not a stack trace");
            }
        });
        Assert.That(Directory.Exists(Path.Combine(_home, "jobs", "never-http")) || Directory.Exists(Path.Combine(_home, "jobs", "never-ws")), Is.False,
            "a command whose input never ended changed nothing");
    }

    [Test]
    public async Task ReloadWithCliSessionsOpen_LetsThemFinish()
    {
        _server = await ServerProcess.StartAsync(_home, TimeSpan.FromSeconds(120));
        var (_, token) = await CreateAdminTokenAsync();
        await using var http = OpenCliSession("-http", token, "create-job", "after-reload-http");
        await using var webSocket = OpenCliSession("-webSocket", token, "create-job", "after-reload-ws");
        await Task.Delay(TimeSpan.FromSeconds(3));

        using var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseUri };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{token}")));
        using (var reload = await admin.PostAsync("reload", null))
        {
            Assert.That(reload.StatusCode, Is.EqualTo(HttpStatusCode.Found), "the reload succeeds");
        }

        // The sessions outlive the reload: their input ends now and each command completes, or fails cleanly.
        var ended = await Task.WhenAll(http.FinishAsync(TimeSpan.FromSeconds(30)), webSocket.FinishAsync(TimeSpan.FromSeconds(30)));
        Assert.Multiple(() =>
        {
            foreach (var (mode, code, stderr) in ended)
            {
                Assert.That(code, Is.Not.Null, $"the {mode} client hangs after the reload");
                Assert.That(code == 0 || (stderr.Length > 0 && !stderr.Contains("   at ", StringComparison.Ordinal)), Is.True,
                    $"the {mode} client ends with success or a clean error, not {code}: {stderr}");
            }
        });
    }

    private CliSession OpenCliSession(string mode, string token, params string[] command) => new(_server!.BaseUri, mode, token, command);

    /// <summary>Our CLI client run in-process with a stdin that stays open until the test ends it.</summary>
    private sealed class CliSession : IAsyncDisposable
    {
        private readonly System.IO.Pipes.AnonymousPipeServerStream _input = new(System.IO.Pipes.PipeDirection.Out);
        private readonly System.IO.Pipes.AnonymousPipeClientStream _stdin;
        private readonly MemoryStream _stderr = new();
        private readonly CancellationTokenSource _limit = new(TimeSpan.FromSeconds(120));
        private readonly Task<int> _run;
        private readonly string _mode;

        public CliSession(Uri server, string mode, string token, string[] command)
        {
            _mode = mode;
            _stdin = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, _input.ClientSafePipeHandle);
            var environment = new Dictionary<string, string> { ["JENKINS_USER_ID"] = "admin", ["JENKINS_API_TOKEN"] = token };
            _run = Task.Run(() => JenkinsLite.Cli.CliApp.RunAsync(["-s", server.ToString(), mode, .. command], environment.GetValueOrDefault,
                _stdin, new MemoryStream(), _stderr, stdinIsTerminal: false, _limit.Token));
        }

        /// <summary>The exit code (null if still running after <paramref name="timeout"/>) and what the client printed on stderr.</summary>
        public async Task<(string Mode, int? Code, string Stderr)> EndedWithinAsync(TimeSpan timeout)
        {
            var done = await Task.WhenAny(_run, Task.Delay(timeout)) == _run;
            return (_mode, done ? await _run : null, done ? Encoding.UTF8.GetString(_stderr.ToArray()) : string.Empty);
        }

        /// <summary>Sends a job config and ends the input, as a script's pipe would.</summary>
        public async Task<(string Mode, int? Code, string Stderr)> FinishAsync(TimeSpan timeout)
        {
            await _input.WriteAsync("<?xml version='1.1' encoding='UTF-8'?>\n<project/>\n"u8.ToArray());
            _input.Close();
            return await EndedWithinAsync(timeout);
        }

        public async ValueTask DisposeAsync()
        {
            _input.Dispose();
            await _limit.CancelAsync();
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
                // cancelled because the test ended first
            }

            _stdin.Dispose();
            _limit.Dispose();
        }
    }

    private async Task<(string Uuid, string Value)> CreateAdminTokenAsync()
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(_home, "secrets", "initialAdminPassword"))).Trim();
        using var session = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = _server!.BaseUri };
        session.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
        var crumb = JObject.Parse(await session.GetStringAsync("crumbIssuer/api/json"))["crumb"]!.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"user/admin/{TokenBase}/generateNewToken")
        {
            Content = new FormUrlEncodedContent([new("newTokenName", "restart")]),
        };
        request.Headers.Add("Jenkins-Crumb", crumb);
        using var reply = await session.SendAsync(request);
        var data = JObject.Parse(await reply.Content.ReadAsStringAsync())["data"]!;
        return (data["tokenUuid"]!.ToString(), data["tokenValue"]!.ToString());
    }

    private int UseCount(string uuid)
    {
        var stats = Directory.EnumerateFiles(Path.Combine(_home, "users"), "apiTokenStats.xml", SearchOption.AllDirectories)
            .Select(f => JenkinsXml.Parse(File.ReadAllBytes(f), f))
            .SelectMany(d => d.Descendants("tokenUuid"))
            .SingleOrDefault(e => e.Value == uuid);
        return int.Parse(stats?.Parent?.Element("useCounter")?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
