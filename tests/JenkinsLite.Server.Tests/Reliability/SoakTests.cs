using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Cli;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// REL-16 and SEC-17 over minutes, outside CI: mixed traffic on loopback (token reads, password sign-ins, builds
/// triggered and followed, tokens created, used and revoked, CLI sessions on both transports) while 1 % of the
/// home's file writes fail with ENOSPC. Every failed operation must be explained by an injected fault, a token
/// revoked is refused by every request started after its revoke answered, and the report gives requests served,
/// error and fault rates, memory, file descriptors and threads at start and end.
/// Run: <c>JENKINSLITE_SOAK_SECONDS=240 dotnet test tests/JenkinsLite.Server.Tests --filter FullyQualifiedName~SoakTests</c>
/// (at most 450: with the two idle minutes of the measurements, 10 minutes in all); without the variable the test is skipped.
/// </summary>
[NonParallelizable]
internal sealed class SoakTests
{
    private const string TokenBase = "descriptorByName/jenkins.security.ApiTokenProperty";
    private const int Workers = 4;
    private const string Password = "soak-password-1";

    private const string KeepTwentyBuilds =
        "<jenkins.model.BuildDiscarderProperty><strategy class=\"hudson.tasks.LogRotator\"><daysToKeep>-1</daysToKeep><numToKeep>20</numToKeep>"
        + "<artifactDaysToKeep>-1</artifactDaysToKeep><artifactNumToKeep>-1</artifactNumToKeep></strategy></jenkins.model.BuildDiscarderProperty>";

    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<string> _buildFailures = new();
    private readonly ConcurrentBag<(string Value, long RevokedAt)> _revoked = [];
    private readonly ConcurrentDictionary<string, int> _served = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failed = new(StringComparer.Ordinal);
    private TestServer _server = null!;
    private string _adminToken = null!;
    private string _userToken = null!;
    private long _writes;
    private long _faults;

    [Test]
    public async Task MixedTrafficWithFaults_ServesAndLeaksNothing()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JENKINSLITE_SOAK_SECONDS"), out var seconds) || seconds is < 10 or > 450)
        {
            Assert.Ignore("the soak runs on request: JENKINSLITE_SOAK_SECONDS=240 (10 to 450)");
        }

        // The sign-in throttle stays out of the way: revoked tokens are tried on purpose, and from one address
        // their failures would soon answer 429 to the same user's good requests (FailureThrottleTests test it).
        // The server logs as it does for its users (default levels): the test keeps every line for the leak check,
        // and at Trace those lines, not the server, would be the memory that grows.
        await using var server = _server = await TestServer.StartSeededWithDefaultLogLevelsAsync(options => options with { FailuresBeforeThrottle = int.MaxValue });
        await SetUpAsync();

        // 1 % of file writes anywhere in the home fail as on a full disk; the rest are counted.
        using var faults = WriteFaults.Inject(
            _ => Interlocked.Increment(ref _writes) > 0 && Random.Shared.Next(100) == 0 && Interlocked.Increment(ref _faults) > 0,
            path => new IOException($"No space left on device : '{path}'", 28));
        var clock = Stopwatch.StartNew();

        // The first fifth warms caches, the JIT and the thread pool; resources are compared from its end.
        var warmUp = TimeSpan.FromSeconds(seconds / 5.0);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(new Random(w), clock, warmUp))));
        var (heapAtStart, fdsAtStart, threadsAtStart) = await SettledResourcesAsync(null);
        var until = clock.Elapsed + TimeSpan.FromSeconds(seconds) - warmUp; // traffic time, the idle minute not counted
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(new Random(Workers + w), clock, until))));
        faults.Dispose();

        var (heapAtEnd, fdsAtEnd, threadsAtEnd) = await SettledResourcesAsync((heapAtStart, fdsAtStart, threadsAtStart));
        var served = _served.Values.Sum();
        var failed = _failed.Values.Sum();
        TestContext.Progress.WriteLine(
            $"Soak: {clock.Elapsed.TotalSeconds:F0} s, {served + failed} operations ({string.Join(", ", _served.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}), "
            + $"{failed} failed ({string.Join(", ", _failed.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}) = {100.0 * failed / Math.Max(1, served + failed):F2} %; "
            + $"{_faults} faults in {_writes} file writes = {100.0 * _faults / Math.Max(1, _writes):F2} %; {_revoked.Count} tokens revoked, all refused after; "
            + $"managed heap without the test's own records {heapAtStart / 1e6:F1} -> {heapAtEnd / 1e6:F1} MB, fds {fdsAtStart} -> {fdsAtEnd}, threads {threadsAtStart} -> {threadsAtEnd}");
        foreach (var failure in _buildFailures.Take(5))
        {
            TestContext.Progress.WriteLine($"Soak: a failed build: {failure}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(_violations, Is.Empty, "SEC-17 and unexpected answers");
            Assert.That(failed, Is.LessThanOrEqualTo(_faults), "every failed operation is explained by an injected fault");
            Assert.That(served, Is.GreaterThan(0));
            Assert.That(heapAtEnd, Is.LessThanOrEqualTo(heapAtStart * 1.10), "memory is flat after the warm-up (within 10 %)");
            Assert.That(fdsAtEnd, Is.LessThanOrEqualTo(fdsAtStart), "open file descriptors are back to the warm-up's");
            Assert.That(threadsAtEnd, Is.LessThanOrEqualTo(threadsAtStart + ThreadSlack), "threads are back to the warm-up's");
        });
    }

    private async Task SetUpAsync()
    {
        _adminToken = (await _server.GenerateTokenAsync("admin", _server.AdminPassword!, "soak-admin")).Value;
        using var admin = _server.Client("admin", _adminToken);
        using (var created = await admin.PostAsync("securityRealm/createAccountByAdmin", Form(("username", "soak"), ("password1", Password), ("password2", Password), ("fullname", "Soak"))))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        }

        _userToken = (await _server.GenerateTokenAsync("soak", Password, "soak-first")).Value;
        // Its last 20 builds are kept, as a job run all day would be set up: the records in memory stay bounded,
        // so heap growth over the soak means a leak, not history.
        using var job = new StringContent(BuildKit.Freestyle("echo soak; sleep 0.2", properties: KeepTwentyBuilds), Encoding.UTF8, "application/xml");
        using (var created = await admin.PostAsync("createItem?name=soak", job))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    private async Task WorkAsync(Random random, Stopwatch clock, TimeSpan until)
    {
        using var admin = _server.Client("admin", _adminToken);
        using var user = _server.Client("soak", _userToken);
        using var password = _server.Client("soak", Password);
        var operations = new (int Weight, string Name, Func<Task<bool>> Run)[]
        {
            (35, "token read", async () => await OkAsync(user, "job/hello-world/api/json")),
            (10, "password sign-in", async () => await OkAsync(password, "whoAmI/api/json")),
            (10, "build", () => BuildAsync(admin)),
            (15, "token create+use+revoke", () => TokenLifeAsync(user)),
            (15, "revoked token refused", () => RevokedRefusedAsync()),
            (15, "cli", () => CliAsync(random.Next(2) == 0 ? CliFixture.Http : CliFixture.WebSocket)),
        };
        var total = operations.Sum(o => o.Weight);
        while (clock.Elapsed < until)
        {
            var pick = random.Next(total);
            var operation = operations.First(o => (pick -= o.Weight) < 0);
            bool ok;
            try
            {
                ok = await operation.Run();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Newtonsoft.Json.JsonException or NullReferenceException)
            {
                var said = _server.Log.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(l => l.Text).LastOrDefault();
                _violations.Enqueue($"{operation.Name}: {e.GetType().Name}: {e.Message}; the server's last error: {said}");
                ok = false;
            }

            (ok ? _served : _failed).AddOrUpdate(operation.Name, 1, (_, n) => n + 1);
        }
    }

    // A read must never fail: reads do not write. A 5xx elsewhere is a fault's doing; anything else is a violation.
    private async Task<bool> OkAsync(HttpClient client, string path)
    {
        using var reply = await client.GetAsync(path);
        if (reply.StatusCode != HttpStatusCode.OK)
        {
            _violations.Enqueue($"GET {path} answered {(int)reply.StatusCode}");
        }

        return reply.StatusCode == HttpStatusCode.OK;
    }

    private async Task<bool> BuildAsync(HttpClient admin)
    {
        using var queued = await admin.PostAsync("job/soak/build", null);
        if (queued.StatusCode != HttpStatusCode.Created)
        {
            return Explained(queued, "build trigger");
        }

        // Followed to its end: a fault in its log or record may fail it, it must still end.
        var deadline = Stopwatch.StartNew();
        var item = queued.Headers.Location!.AbsolutePath.TrimStart('/');
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var left = JObject.Parse(await admin.GetStringAsync($"{item}api/json"));
            if (left["executable"]?["url"]?.ToString() is { } url)
            {
                var path = new Uri(url).AbsolutePath.TrimStart('/');
                if (await FinishedOrNullAsync(admin, path) is not { } build)
                {
                    // What the build, its console and the executors looked like says why it never ended.
                    var running = await admin.GetStringAsync($"{path}api/json?tree=building,result,duration,timestamp");
                    var console = await admin.GetStringAsync($"{path}consoleText");
                    var executors = await admin.GetStringAsync("computer/api/json?tree=computer[executors[currentExecutable[url]]]");
                    _violations.Enqueue($"{path} still running after 60 s: {running}; executors {executors}; console: {console}");
                    return false;
                }

                if (build["result"]!.ToString() != "SUCCESS")
                {
                    var console = await admin.GetStringAsync($"{path}consoleText");
                    _buildFailures.Enqueue($"{path} {build["result"]}: {console[Math.Max(0, console.Length - 300)..]}");
                }

                return build["result"]!.ToString() == "SUCCESS";
            }

            if ((bool?)left["cancelled"] == true)
            {
                return false;
            }

            await Task.Delay(100);
        }

        _violations.Enqueue($"{item} never started");
        return false;
    }

    private static async Task<JObject?> FinishedOrNullAsync(HttpClient admin, string path)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var build = JObject.Parse(await admin.GetStringAsync($"{path}api/json?tree=building,result"));
            if (!(bool)build["building"]!)
            {
                return build;
            }

            await Task.Delay(100);
        }

        return null;
    }

    private async Task<bool> TokenLifeAsync(HttpClient user)
    {
        using var created = await user.PostAsync($"user/soak/{TokenBase}/generateNewToken", Form(("newTokenName", "soak-" + Guid.NewGuid().ToString("N")[..8])));
        if (created.StatusCode != HttpStatusCode.OK)
        {
            return Explained(created, "token create");
        }

        var data = JObject.Parse(await created.Content.ReadAsStringAsync())["data"]!;
        var value = data["tokenValue"]!.ToString();
        using var client = _server.Client("soak", value);
        if (!await OkAsync(client, "whoAmI/api/json"))
        {
            return false;
        }

        using var revoked = await user.PostAsync($"user/soak/{TokenBase}/revoke", Form(("tokenUuid", data["tokenUuid"]!.ToString())));
        if (revoked.StatusCode != HttpStatusCode.OK)
        {
            return Explained(revoked, "token revoke");
        }

        _revoked.Add((value, Stopwatch.GetTimestamp()));
        return true;
    }

    // SEC-17: a request started after the revoke answered is refused (401, or 429 once the throttle counts it).
    private async Task<bool> RevokedRefusedAsync()
    {
        if (_revoked.IsEmpty)
        {
            return true;
        }

        var (value, _) = _revoked.ElementAt(Random.Shared.Next(_revoked.Count));
        using var client = _server.Client("soak", value);
        using var reply = await client.GetAsync("whoAmI/api/json");
        if (reply.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests))
        {
            _violations.Enqueue($"a revoked token answered {(int)reply.StatusCode}");
        }

        return true;
    }

    private async Task<bool> CliAsync(string mode)
    {
        var run = await CliRun.RunAsync(["-s", _server.BaseUri.ToString(), mode, "who-am-i"], null,
            new Dictionary<string, string> { ["JENKINS_USER_ID"] = "soak", ["JENKINS_API_TOKEN"] = _userToken });
        if (run.Code != 0 || !run.Out.Contains("Authenticated as: soak", StringComparison.Ordinal))
        {
            var said = _server.Log.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && l.Category.Contains("Cli", StringComparison.Ordinal))
                .Select(l => l.Text).LastOrDefault();
            _violations.Enqueue($"cli {mode} who-am-i: {run}; the server's last CLI warning: {said}");
            return false;
        }

        return true;
    }

    private bool Explained(HttpResponseMessage reply, string what)
    {
        if ((int)reply.StatusCode is not (500 or 503))
        {
            _violations.Enqueue($"{what} answered {(int)reply.StatusCode}");
        }

        return false;
    }

    // The thread pool keeps a thread or two it grew under load for a while after it: not a leak.
    private const int ThreadSlack = 2;

    // Idle connections and pool threads go away within seconds of the load; the runtime's shared buffer pools give
    // back arrays unused for a minute, at a full collection. Both figures are taken after 65 s idle (collecting each
    // second), and once descriptors and threads are back, so they compare the server's memory, not buffers kept for
    // the next burst (up to ~1 MB on a 6 MB heap, seen in gcdumps).
    private static readonly TimeSpan PoolTrimWait = TimeSpan.FromSeconds(65);

    private async Task<(long Heap, int Fds, int Threads)> SettledResourcesAsync((long Heap, int Fds, int Threads)? baseline)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var now = Resources();
            now.Heap -= TestOwnedBytes();
            var settled = baseline is not { } b || (now.Fds <= b.Fds && now.Threads <= b.Threads + ThreadSlack);
            if ((settled && waited.Elapsed >= PoolTrimWait) || waited.Elapsed > PoolTrimWait + TimeSpan.FromSeconds(30))
            {
                return now;
            }

            await Task.Delay(1000);
        }
    }

    // What this test keeps in the same heap, growing with the soak: the server's log lines (kept for the leak check;
    // at default levels mostly the faults' errors with their stack traces) and every revoked value (string and slot).
    private long TestOwnedBytes() => _server.Log.KeptBytes + _revoked.Sum(r => (2L * r.Value.Length) + 22 + 32);

    private static (long Heap, int Fds, int Threads) Resources()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), Directory.GetFiles("/proc/self/fd").Length, self.Threads.Count);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
