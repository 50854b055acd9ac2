using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Xml;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// REL-01/02/04/08/09: the real server as a child process takes continuous writes of every kind (tokens,
/// their use, users, passwords, jobs, builds, views) and is SIGKILLed at random moments. After each kill
/// every file of the home parses, and after each restart stale temps are gone, every token, user and job a
/// client was told about is there, revoked tokens stay revoked, usage counts that reached the disk never go
/// back, a build cut off is ABORTED, and no build number is used twice. <c>JENKINSLITE_CRASH_KILLS</c> sets
/// the number of kills (CI: 300), <c>JENKINSLITE_CRASH_LANES</c> how many servers on homes of their own share
/// them (default 2), <c>JENKINSLITE_CRASH_SEED</c> replays a run.
/// </summary>
[NonParallelizable]
internal sealed class CrashHarnessTests
{
    // A restart is CPU-bound .NET start-up (about 1.2 s of CPU) and a round's checks wait on the server: one
    // server at a time leaves half of 2 cores idle. Two lanes take 300 kills in the time one took 180.
    private const int DefaultKills = 300;
    private const int DefaultLanes = 2;

    [Test]
    public async Task RandomKillsDuringWrites_LoseNothingAClientWasTold()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("JENKINSLITE_CRASH_KILLS"), out var k) ? k : DefaultKills;
        var lanes = int.TryParse(Environment.GetEnvironmentVariable("JENKINSLITE_CRASH_LANES"), out var l) && l > 0 ? l : DefaultLanes;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("JENKINSLITE_CRASH_SEED"), out var s) ? s : Environment.TickCount;
        TestContext.Progress.WriteLine($"Crash harness: {kills} kills over {lanes} servers, seed {seed} (JENKINSLITE_CRASH_SEED={seed} replays it)");
        var total = Stopwatch.StartNew();
        var crashLanes = Enumerable.Range(0, lanes).Select(_ => new CrashLane()).ToList();
        try
        {
            var reports = await Task.WhenAll(crashLanes.Select((lane, i) => lane.RunAsync(kills / lanes + (i < kills % lanes ? 1 : 0), seed + i)));
            TestContext.Progress.WriteLine($"Crash harness: {kills} kills survived in {total.Elapsed.TotalSeconds:F0} s");
            foreach (var report in reports)
            {
                TestContext.Progress.WriteLine(report);
            }
        }
        finally
        {
            crashLanes.ForEach(lane => lane.Dispose());
        }
    }
}

/// <summary>One server on a home of its own, its clients, and what they were told, killed again and again.</summary>
internal sealed class CrashLane : IDisposable
{
    private const int MaxUnsettledPasswords = 4;
    private const string TokenBase = "descriptorByName/jenkins.security.ApiTokenProperty";
    private const int Workers = 3;
    private const int MaxLiveTokens = 25;

    private string _home = null!;
    private ServerProcess? _server;
    private HttpClient _http = null!;
    private string _adminToken = null!;
    private VerifiedClaims _verified = null!;
    private PersistedUsageCounts _usage = null!;

    public CrashLane()
    {
        _home = ServerProcess.CreateSeedHome("jenkinslite-crash-");
        _verified = new VerifiedClaims();
        _usage = new PersistedUsageCounts();

        // Builds start at once, so kills find them running. Their shells run outside the bubblewrap sandbox:
        // this test is about the server's writes, not the sandbox (BuildSandboxTests), and the sandbox' probe
        // at every start would cost a third of each restart.
        var config = Path.Combine(_home, "config.xml");
        File.WriteAllText(config, File.ReadAllText(config)
            .Replace("<quietPeriod>5</quietPeriod>", "<quietPeriod>0</quietPeriod>", StringComparison.Ordinal)
            .Replace("</hudson>", "  <jenkinslite.buildSandbox>none</jenkinslite.buildSandbox>\n</hudson>", StringComparison.Ordinal));
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose()
    {
        _server?.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    /// <summary>Runs <paramref name="kills"/> rounds of traffic, kill, restart and checks; returns the figures.</summary>
    public async Task<string> RunAsync(int kills, int seed)
    {
        var random = new Random(seed);
        var record = new ClientRecord();
        var disk = new DiskHistory();
        var restart = new List<double>();
        var phases = new PhaseClock();
        var total = Stopwatch.StartNew();

        await StartAsync(restart);
        await SetUpClientsAsync(record);
        while (record.Jobs.Count < 3)
        {
            await CreateJobAsync(record, random); // builds from the first round on
        }

        phases.Lap("setup");
        for (var round = 1; round <= kills; round++)
        {
            // Traffic for 150–300 ms once the server answers writes, then SIGKILL in the middle of it.
            using var stop = new CancellationTokenSource();
            var answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = Enumerable.Range(0, Workers)
                .Select(w => RunTrafficAsync(record, new Random(HashCode.Combine(seed, round, w)), answering, stop.Token))
                .ToList();
            await answering.Task.WaitAsync(TimeSpan.FromSeconds(60));
            phases.Lap("first write");
            await Task.Delay(150 + random.Next(150));
            phases.Lap("traffic");

            // No new operation starts from here; those under way are cut by the kill (a refused connection
            // after it would look like a cut-off answer and blur what is checked).
            await stop.CancelAsync();
            _server!.Kill();
            await Task.WhenAll(workers);
            record.ReleaseAll();
            phases.Lap("kill");

            var scan = disk.ScanAfterKill(_home);
            scan.Violations.AddRange(_usage.ReadDisk(_home, LiveTokens(record)));
            phases.Lap("scan");
            await StartAsync(restart);
            phases.Lap("restart");
            scan.Violations.AddRange(await CheckAfterRestartAsync(record, scan, phases));
            scan.Violations.AddRange(record.Locked(() => record.Violations.ToList()));
            phases.Lap("checks");
            Assert.That(scan.Violations, Is.Empty, $"after kill {round} of seed {seed}; server said:\n{_server!.RecentOutput}");
        }

        return $"Server with seed {seed}: {kills} kills survived in {total.Elapsed.TotalSeconds:F0} s, {disk.FilesChecked} files checked, "
            + $"{disk.BuildsCutOff} builds cut off and ABORTED, {record.Tokens.Count} tokens, {record.Jobs.Count + record.DeletedJobs.Count} jobs, "
            + $"{_usage.Checked} usage counts ({_usage.PersistedUses} uses on disk) checked never to go back, "
            + $"{QueueItemsChecked} queue item checks; "
            + $"restart mean {restart.Average():F2} s (first fifth {restart.Take(restart.Count / 5).DefaultIfEmpty().Average():F2} s, last fifth "
            + $"{restart.TakeLast(restart.Count / 5).DefaultIfEmpty().Average():F2} s), max {restart.Max():F2} s; per kill: {phases}";
    }

    /// <summary>Where a round's time goes, summed over the run, so the CI budget can be checked.</summary>
    private sealed class PhaseClock
    {
        private readonly Stopwatch _lap = Stopwatch.StartNew();
        private readonly Dictionary<string, (double Seconds, int Count)> _phases = [];

        public void Lap(string phase)
        {
            var (seconds, count) = _phases.GetValueOrDefault(phase);
            _phases[phase] = (seconds + _lap.Elapsed.TotalSeconds, count + 1);
            _lap.Restart();
        }

        public override string ToString() =>
            string.Join(", ", _phases.Select(p => $"{p.Key} {p.Value.Seconds / p.Value.Count:F2} s"));
    }

    private async Task StartAsync(List<double> restartSeconds)
    {
        var clock = Stopwatch.StartNew();
        // Usage statistics written every 0.2 s, not 5: a server killed every 2 s would otherwise never write
        // them, and the check that persisted counts never go back would check nothing.
        _server = await ServerProcess.StartAsync(_home, TimeSpan.FromSeconds(120), "--usageStatsFlushMillis=200");
        restartSeconds.Add(clock.Elapsed.TotalSeconds);
    }

    // The admin signs in once with the initial password for a token; every later call uses tokens.
    private async Task SetUpClientsAsync(ClientRecord record)
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(_home, "secrets", "initialAdminPassword"))).Trim();
        using var session = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _server!.BaseUri };
        session.DefaultRequestHeaders.Authorization = Basic("admin", password);
        using var crumbReply = await session.GetAsync("crumbIssuer/api/json");
        var crumb = JObject.Parse(await crumbReply.Content.ReadAsStringAsync())["crumb"]!.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"user/admin/{TokenBase}/generateNewToken")
        {
            Content = new FormUrlEncodedContent([new("newTokenName", "harness")]),
        };
        request.Headers.Add("Jenkins-Crumb", crumb);
        using var reply = await session.SendAsync(request);
        var data = JObject.Parse(await reply.Content.ReadAsStringAsync())["data"]!;
        _adminToken = data["tokenValue"]!.ToString();
        record.Tokens.Add(new TrackedToken("admin", data["tokenUuid"]!.ToString(), _adminToken));
    }

    private async Task RunTrafficAsync(ClientRecord record, Random random, TaskCompletionSource answering, CancellationToken stop)
    {
        var operations = new (int Weight, Func<ClientRecord, Random, Task> Run)[]
        {
            (20, CreateTokenAsync), (6, RenameTokenAsync), (8, RevokeTokenAsync), (12, UseTokenAsync),
            (3, CreateUserAsync), (4, ChangePasswordAsync),
            (6, CreateJobAsync), (8, UpdateJobAsync), (4, RenameJobAsync), (2, DeleteJobAsync), (12, BuildAsync),
            (3, CreateViewAsync), (3, UpdateViewAsync), (1, DeleteViewAsync), (3, ToggleNodeAsync),
        };
        var totalWeight = operations.Sum(o => o.Weight);
        while (!stop.IsCancellationRequested)
        {
            var pick = random.Next(totalWeight);
            var operation = operations.First(o => (pick -= o.Weight) < 0);
            await operation.Run(record, random);
            answering.TrySetResult();
        }
    }

    private async Task CreateTokenAsync(ClientRecord record, Random random)
    {
        var owner = random.Next(2) == 0 ? "admin" : "carol";
        if ((owner == "carol" && !await EnsureCarolAsync(record))
            || record.Locked(() => record.Tokens.Count(t => t.Owner == owner && t.State == TokenState.Live)) >= MaxLiveTokens)
        {
            return; // revokes make room; the checks after each restart stay the same size
        }

        var reply = await PostFormAsync($"user/{owner}/{TokenBase}/generateNewToken", TokenOf(record, owner), ("newTokenName", record.NewName("t")));
        if (reply is { Status: HttpStatusCode.OK } && JObject.Parse(reply.Body)["data"] is { } data)
        {
            record.Locked(() => record.Tokens.Add(new TrackedToken(owner, data["tokenUuid"]!.ToString(), data["tokenValue"]!.ToString())));
        }
    }

    private async Task RenameTokenAsync(ClientRecord record, Random random)
    {
        if (LeaseToken(record, random, minimumLive: 0) is not { } token)
        {
            return;
        }

        await PostFormAsync($"user/{token.Owner}/{TokenBase}/rename", TokenOf(record, token.Owner), ("tokenUuid", token.Uuid), ("newName", record.NewName("r")));
        record.Release(token.Uuid);
    }

    private async Task RevokeTokenAsync(ClientRecord record, Random random)
    {
        if (LeaseToken(record, random, minimumLive: 4) is not { } token)
        {
            return;
        }

        var reply = await PostFormAsync($"user/{token.Owner}/{TokenBase}/revoke", TokenOf(record, token.Owner), ("tokenUuid", token.Uuid));
        record.Locked(() => token.State = reply is null ? TokenState.Unknown : reply.Status == HttpStatusCode.OK ? TokenState.Revoked : token.State);
        record.Release(token.Uuid);
    }

    // Usage statistics are written too; a live token must keep working while they are.
    private async Task UseTokenAsync(ClientRecord record, Random random)
    {
        if (LeaseToken(record, random, minimumLive: 0) is not { } token)
        {
            return;
        }

        var reply = await SendAsync(HttpMethod.Get, "whoAmI/api/json", Basic(token.Owner, token.Value));
        if (reply is not null && reply.Status != HttpStatusCode.OK)
        {
            record.Locked(() => record.Violations.Add($"live token {token.Uuid} of {token.Owner} answered {(int)reply.Status} while in use"));
        }

        record.Release(token.Uuid);
    }

    private async Task CreateUserAsync(ClientRecord record, Random random)
    {
        if (record.Locked(() => record.Users.Count) >= 6)
        {
            return;
        }

        var id = record.NewName("u");
        var password = record.NewName("pw-") + random.Next();
        var reply = await PostFormAsync("securityRealm/createAccountByAdmin", AdminAuth,
            ("username", id), ("password1", password), ("password2", password), ("fullname", id));
        if (reply is { Status: HttpStatusCode.Found })
        {
            record.Locked(() => record.Users.Add(new TrackedUser(id, password)));
        }
    }

    private async Task ChangePasswordAsync(ClientRecord record, Random random)
    {
        if (record.Lease(random, record.Locked(() => record.Users.Select(u => u.Id).ToList())) is not { } id)
        {
            return;
        }

        var user = record.Locked(() => record.Users.Single(u => u.Id == id));
        if (record.Locked(() => user.Passwords.Count) >= MaxUnsettledPasswords)
        {
            // Each unanswered change adds a candidate; more than the sign-in throttle's 10 failures would make the
            // check after the restart meet 429 before it reaches the password that holds (seen at kill 239 of 300).
            record.Release(id);
            return;
        }

        var password = record.NewName("pw-") + random.Next();
        var reply = await PostFormAsync($"user/{id}/changePassword", AdminAuth, ("password1", password), ("password2", password));
        record.Locked(() =>
        {
            if (reply is null)
            {
                user.Passwords.Insert(0, password); // either may hold now
            }
            else if (reply.Status == HttpStatusCode.OK)
            {
                user.Passwords.Clear();
                user.Passwords.Add(password);
            }
        });
        record.Release(id);
    }

    private async Task CreateJobAsync(ClientRecord record, Random random)
    {
        if (record.Locked(() => record.Jobs.Count) >= 10)
        {
            return;
        }

        var name = record.NewName("job");
        var config = JobConfig(random);
        var reply = await PostXmlAsync($"createItem?name={name}", config);
        if (reply is { Status: HttpStatusCode.OK })
        {
            record.Locked(() => record.Jobs[name] = config);
        }
    }

    private async Task UpdateJobAsync(ClientRecord record, Random random)
    {
        if (record.Lease(random, record.Locked(() => record.Jobs.Keys.ToList())) is not { } name)
        {
            return;
        }

        var config = JobConfig(random);
        var reply = await PostXmlAsync($"job/{name}/config.xml", config);
        record.Locked(() =>
        {
            if (reply is null)
            {
                record.Jobs[name] = null;
            }
            else if (reply.Status == HttpStatusCode.OK)
            {
                record.Jobs[name] = config;
            }
        });
        record.Release(name);
    }

    private async Task RenameJobAsync(ClientRecord record, Random random)
    {
        if (record.Lease(random, record.Locked(() => record.Jobs.Keys.ToList())) is not { } name)
        {
            return;
        }

        var newName = record.NewName("job");
        var reply = await PostFormAsync($"job/{name}/doRename", AdminAuth, ("newName", newName));
        record.Locked(() =>
        {
            if (reply is null)
            {
                record.Jobs.Remove(name); // under one of the two names: neither is checked
                record.QueuedItems.Remove(name);
            }
            else if (reply.Status == HttpStatusCode.Found)
            {
                record.Jobs[newName] = record.Jobs[name];
                record.Jobs.Remove(name);
                record.DeletedJobs.Add(name);
                if (record.QueuedItems.Remove(name, out var items))
                {
                    record.QueuedItems[newName] = items;
                }
            }
        });
        record.Release(name);
    }

    private async Task DeleteJobAsync(ClientRecord record, Random random)
    {
        if (record.Locked(() => record.Jobs.Count) < 4 || record.Lease(random, record.Locked(() => record.Jobs.Keys.ToList())) is not { } name)
        {
            return;
        }

        var reply = await PostFormAsync($"job/{name}/doDelete", AdminAuth);
        record.Locked(() =>
        {
            if (reply is null || reply.Status == HttpStatusCode.Found)
            {
                record.Jobs.Remove(name);
                record.QueuedItems.Remove(name);
            }

            if (reply?.Status == HttpStatusCode.Found)
            {
                record.DeletedJobs.Add(name);
            }
        });
        record.Release(name);
    }

    private async Task BuildAsync(ClientRecord record, Random random)
    {
        if (record.Lease(random, record.Locked(() => record.Jobs.Keys.ToList())) is not { } name)
        {
            return;
        }

        var reply = await PostFormAsync($"job/{name}/build", AdminAuth);
        if (reply is { Status: HttpStatusCode.Created, Location: { } location }
            && long.TryParse(location.AbsolutePath.TrimEnd('/').Split('/')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var item))
        {
            record.Locked(() => (CollectionsMarshal.GetValueRefOrAddDefault(record.QueuedItems, name, out _) ??= []).Add(item));
        }

        record.Release(name);
    }

    // Node state: offline with a message (builds then wait in the queue and the queue file holds them) or online.
    private async Task ToggleNodeAsync(ClientRecord record, Random random)
    {
        if (record.Lease(random, ["node"]) is null)
        {
            return;
        }

        var (known, offline) = record.Locked(() => (record.NodeStateKnown, record.NodeOfflineMessage));
        if (known && (offline is not null || random.Next(3) == 0))
        {
            var message = offline is null ? record.NewName("offline-") : null;
            var reply = message is null
                ? await PostFormAsync($"computer/{NodeName}/toggleOffline", AdminAuth)
                : await PostFormAsync($"computer/{NodeName}/changeOfflineCause", AdminAuth, ("offlineMessage", message));
            record.Locked(() =>
            {
                if (reply is null)
                {
                    record.NodeStateKnown = false;
                }
                else if (reply.Status == HttpStatusCode.Found)
                {
                    record.NodeOfflineMessage = message;
                }
            });
        }

        record.Release("node");
    }

    private async Task CreateViewAsync(ClientRecord record, Random random)
    {
        if (record.Locked(() => record.Views.Count) >= 6)
        {
            return;
        }

        var name = record.NewName("view");
        var reply = await PostXmlAsync($"createView?name={name}", ViewConfig(name, random));
        if (reply is { Status: HttpStatusCode.OK })
        {
            record.Locked(() => record.Views.Add(name));
        }
    }

    private async Task UpdateViewAsync(ClientRecord record, Random random)
    {
        if (record.Lease(random, record.Locked(() => record.Views.ToList())) is not { } name)
        {
            return;
        }

        await PostXmlAsync($"view/{name}/config.xml", ViewConfig(name, random));
        record.Release(name);
    }

    private async Task DeleteViewAsync(ClientRecord record, Random random)
    {
        if (record.Lease(random, record.Locked(() => record.Views.ToList())) is not { } name)
        {
            return;
        }

        var reply = await PostFormAsync($"view/{name}/doDelete", AdminAuth);
        record.Locked(() =>
        {
            if (reply is null || reply.Status == HttpStatusCode.Found)
            {
                record.Views.Remove(name);
            }

            if (reply?.Status == HttpStatusCode.Found)
            {
                record.DeletedViews.Add(name);
            }
        });
        record.Release(name);
    }

    // carol acts with a token of her own, created once by the admin's form (her first token needs her password).
    private async Task<bool> EnsureCarolAsync(ClientRecord record)
    {
        if (record.Locked(() => record.Tokens.Any(t => t.Owner == "carol")))
        {
            return true;
        }

        if (record.Lease(Random.Shared, ["carol-setup"]) is null)
        {
            return false;
        }

        try
        {
            const string password = "carol-harness-password";
            var created = await PostFormAsync("securityRealm/createAccountByAdmin", AdminAuth,
                ("username", "carol"), ("password1", password), ("password2", password), ("fullname", "Carol"));
            if (created is null)
            {
                return false;
            }

            using var session = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _server!.BaseUri };
            session.DefaultRequestHeaders.Authorization = Basic("carol", password);
            using var crumbReply = await session.GetAsync("crumbIssuer/api/json");
            var crumb = JObject.Parse(await crumbReply.Content.ReadAsStringAsync())["crumb"]!.ToString();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"user/carol/{TokenBase}/generateNewToken")
            {
                Content = new FormUrlEncodedContent([new("newTokenName", "carol-first")]),
            };
            request.Headers.Add("Jenkins-Crumb", crumb);
            using var reply = await session.SendAsync(request);
            var data = JObject.Parse(await reply.Content.ReadAsStringAsync())["data"]!;
            record.Locked(() => record.Tokens.Add(new TrackedToken("carol", data["tokenUuid"]!.ToString(), data["tokenValue"]!.ToString())));
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Newtonsoft.Json.JsonException or NullReferenceException)
        {
            return false; // cut off by a kill; the next round tries again
        }
        finally
        {
            record.Release("carol-setup");
        }
    }

    private async Task<List<string>> CheckAfterRestartAsync(ClientRecord record, KillScan scan, PhaseClock phases)
    {
        var violations = new List<string>();
        // The sweep runs in the background once the server answers (REL-04); it gets 15 s.
        var sweepDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (scan.Temps.Any(File.Exists) && DateTime.UtcNow < sweepDeadline)
        {
            await Task.Delay(20);
        }

        violations.AddRange(scan.Temps.Where(File.Exists).Select(t => $"stale temp {Path.GetRelativePath(_home, t)} survived the start"));

        // Tokens: live ones authenticate as their owner; the newest few revoked ones per owner stay refused
        // (a few only, so the sign-in throttle never counts them against the live ones).
        var tokens = record.Locked(() => record.Tokens.ToList());
        var users = new UserFiles(_home);
        violations.AddRange(await AskAllAsync(tokens.Where(t => t.State == TokenState.Live), async token =>
        {
            var claim = $"live token {token.Uuid}";
            if (_verified.Holds(claim, users.Of(token.Owner)))
            {
                return null;
            }

            var reply = await SendAsync(HttpMethod.Get, "whoAmI/api/json", Basic(token.Owner, token.Value));
            if (reply?.Status != HttpStatusCode.OK || JObject.Parse(reply.Body)["name"]?.ToString() != token.Owner)
            {
                return $"token {token.Uuid} of {token.Owner}, handed out, answered {(int?)reply?.Status}";
            }

            _verified.Held(claim, users.Of(token.Owner));
            return null;
        }));

        // A revoke cut off by the kill happened or not: the server now says which, and that must then hold.
        foreach (var token in tokens.Where(t => t.State == TokenState.Unknown))
        {
            var status = (await SendAsync(HttpMethod.Get, "whoAmI/api/json", Basic(token.Owner, token.Value)))?.Status;
            record.Locked(() => token.State = status == HttpStatusCode.OK ? TokenState.Live : status == HttpStatusCode.Unauthorized ? TokenState.Revoked : token.State);
        }

        violations.AddRange(await AskAllAsync(tokens.Where(t => t.State == TokenState.Revoked).GroupBy(t => t.Owner).SelectMany(g => g.TakeLast(3)), async token =>
        {
            var claim = $"revoked token {token.Uuid}";
            if (_verified.Holds(claim, users.Of(token.Owner)))
            {
                return null;
            }

            var reply = await SendAsync(HttpMethod.Get, "whoAmI/api/json", Basic(token.Owner, token.Value));
            if (reply?.Status != HttpStatusCode.Unauthorized)
            {
                return $"revoked token {token.Uuid} of {token.Owner} answered {(int?)reply?.Status}";
            }

            _verified.Held(claim, users.Of(token.Owner));
            return null;
        }));

        // Counts on disk at the kill (read while the server was down) must not be reported lower now.
        var live = LiveTokens(record);
        foreach (var owner in tokens.Where(t => live.Contains(t.Uuid)).Select(t => t.Owner).Distinct())
        {
            var reply = await SendAsync(HttpMethod.Get, $"user/{owner}/api/json", AdminAuth);
            var reported = reply?.Status == HttpStatusCode.OK
                ? JObject.Parse(reply.Body)["property"]!.SelectMany(p => p["tokens"] ?? new JArray()).ToDictionary(t => t["uuid"]!.ToString(), t => (int)t["useCount"]!)
                : null;
            foreach (var token in tokens.Where(t => t.Owner == owner && live.Contains(t.Uuid)))
            {
                var problem = reported is null ? $"the tokens of {owner} answered {(int?)reply?.Status}"
                    : reported.TryGetValue(token.Uuid, out var count) ? _usage.CheckReported(token.Uuid, count)
                    : $"token {token.Uuid} of {owner}, live, is not listed";
                if (problem is not null)
                {
                    violations.Add(problem);
                }
            }
        }

        phases.Lap("check tokens");
        foreach (var user in record.Locked(() => record.Users.Select(u => (u.Id, Passwords: u.Passwords.ToList())).ToList()))
        {
            var claim = $"user {user.Id} signs in with {string.Join(" or ", user.Passwords)}";
            if (_verified.Holds(claim, users.Of(user.Id)))
            {
                continue;
            }

            var answers = new List<string>();
            foreach (var password in user.Passwords)
            {
                var reply = await SendAsync(HttpMethod.Get, "whoAmI/api/json", Basic(user.Id, password));
                answers.Add(reply is null ? "no answer" : $"{(int)reply.Status}");
                if (reply?.Status == HttpStatusCode.OK)
                {
                    record.Locked(() => record.Users.Single(u => u.Id == user.Id).Passwords.RemoveAll(p => p != password));
                    _verified.Held($"user {user.Id} signs in with {password}", users.Of(user.Id));
                    break;
                }
            }

            if (answers[^1] != "200")
            {
                var onDisk = Directory.EnumerateDirectories(Path.Combine(_home, "users"), user.Id + "_*").Any();
                violations.Add($"user {user.Id}, created, does not sign in with its password ({string.Join(", ", answers)}; folder on disk: {onDisk})");
            }
        }

        phases.Lap("check users");
        violations.AddRange(await AskAllAsync(record.Locked(() => record.Jobs.ToList()), async job =>
        {
            var reply = await SendAsync(HttpMethod.Get, $"job/{job.Key}/config.xml", AdminAuth);
            return reply?.Status != HttpStatusCode.OK ? $"job {job.Key}, created, answered {(int?)reply?.Status}"
                : job.Value is not null && reply.Body != Encoding.UTF8.GetString(job.Value) ? $"job {job.Key} lost its last accepted config"
                : null;
        }));

        foreach (var name in record.Locked(() => record.DeletedJobs.ToList()))
        {
            if ((await SendAsync(HttpMethod.Get, $"job/{name}/api/json", AdminAuth))?.Status != HttpStatusCode.NotFound)
            {
                violations.Add($"job {name}, deleted or renamed, is back");
            }
        }

        foreach (var name in record.Locked(() => record.Views.ToList()))
        {
            if ((await SendAsync(HttpMethod.Get, $"view/{name}/api/json", AdminAuth))?.Status != HttpStatusCode.OK)
            {
                violations.Add($"view {name}, created, is gone");
            }
        }

        foreach (var name in record.Locked(() => record.DeletedViews.ToList()))
        {
            if ((await SendAsync(HttpMethod.Get, $"view/{name}/api/json", AdminAuth))?.Status != HttpStatusCode.NotFound)
            {
                violations.Add($"view {name}, deleted, is back");
            }
        }

        phases.Lap("check jobs+views");
        foreach (var (job, number) in scan.CutOff)
        {
            var reply = await SendAsync(HttpMethod.Get, $"job/{job}/{number}/api/json?tree=result,building", AdminAuth);
            var result = reply?.Status == HttpStatusCode.OK ? JObject.Parse(reply.Body)["result"]?.ToString() : $"HTTP {(int?)reply?.Status}";
            if (result != "ABORTED")
            {
                violations.Add($"build {job} #{number}, running at the kill, shows {result}");
            }
        }

        foreach (var (job, highest) in scan.HighestBuild)
        {
            var reply = await SendAsync(HttpMethod.Get, $"job/{job}/api/json?tree=nextBuildNumber", AdminAuth);
            if (reply?.Status == HttpStatusCode.OK && (int)JObject.Parse(reply.Body)["nextBuildNumber"]! <= highest)
            {
                violations.Add($"job {job} would number its next build {JObject.Parse(reply.Body)["nextBuildNumber"]}, but #{highest} exists");
            }
        }

        violations.AddRange(await CheckNodeAndQueueAsync(record));
        return violations;
    }

    private async Task<List<string>> CheckNodeAndQueueAsync(ClientRecord record)
    {
        var violations = new List<string>();
        var nodeReply = await SendAsync(HttpMethod.Get, $"computer/{NodeName}/api/json", AdminAuth);
        if (nodeReply?.Status != HttpStatusCode.OK)
        {
            return [$"the built-in node answered {(int?)nodeReply?.Status}"];
        }

        var node = JObject.Parse(nodeReply.Body);
        var reason = (bool)node["offline"]! ? node["offlineCauseReason"]?.ToString() ?? string.Empty : null;
        record.Locked(() =>
        {
            if (!record.NodeStateKnown)
            {
                // A toggle cut off by the kill happened or not: the server says which. The message is ours only.
                record.NodeStateKnown = true;
                record.NodeOfflineMessage = reason is null ? null : reason.Length > 0 ? reason : record.NewName("offline-unknown-");
            }
            else if ((reason is null) != (record.NodeOfflineMessage is null) || (reason is not null && !reason.Contains(record.NodeOfflineMessage!, StringComparison.Ordinal)))
            {
                violations.Add($"the built-in node shows offline={reason is not null} '{reason}', the client was last told offline={record.NodeOfflineMessage is not null} '{record.NodeOfflineMessage}'");
            }
        });

        // A queued item the client was told about is still queued, or its build exists (it may have started and
        // been cut off: then it is ABORTED, checked above).
        var queueReply = await SendAsync(HttpMethod.Get, "queue/api/json", AdminAuth);
        var queued = queueReply?.Status == HttpStatusCode.OK
            ? JObject.Parse(queueReply.Body)["items"]!.Select(i => (long)i["id"]!).ToHashSet()
            : [];
        foreach (var (job, items) in record.Locked(() => record.QueuedItems.Select(q => (q.Key, q.Value.ToList())).ToList()))
        {
            var buildsReply = await SendAsync(HttpMethod.Get, $"job/{job}/api/json?tree=builds[number,queueId]", AdminAuth);
            var built = buildsReply?.Status == HttpStatusCode.OK
                ? JObject.Parse(buildsReply.Body)["builds"]!.Select(b => (long)b["queueId"]!).ToHashSet()
                : [];
            var lost = items.Where(i => !queued.Contains(i) && !built.Contains(i)).ToList();
            violations.AddRange(lost.Select(i => $"queue item {i} of {job}, queued, is neither in the queue nor a build"));
            QueueItemsChecked += items.Count;

            // Once built, an item needs no more checking.
            record.Locked(() => record.QueuedItems[job].RemoveAll(built.Contains));
        }

        return violations;
    }

    private const string NodeName = "(built-in)";

    private int QueueItemsChecked { get; set; }

    private AuthenticationHeaderValue AdminAuth => Basic("admin", _adminToken);

    private static HashSet<string> LiveTokens(ClientRecord record) =>
        record.Locked(() => record.Tokens.Where(t => t.State == TokenState.Live).Select(t => t.Uuid).ToHashSet(StringComparer.Ordinal));

    // Independent questions a few at a time: the server answers them on both cores while the harness waits.
    private static async Task<List<string>> AskAllAsync<T>(IEnumerable<T> subjects, Func<T, Task<string?>> ask)
    {
        var violations = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (subject, _) =>
        {
            if (await ask(subject) is { } violation)
            {
                violations.Add(violation);
            }
        });
        return [.. violations];
    }

    private static AuthenticationHeaderValue TokenOf(ClientRecord record, string owner) =>
        record.Locked(() =>
        {
            var token = record.Tokens.First(t => t.Owner == owner && t.State == TokenState.Live);
            return Basic(owner, token.Value);
        });

    // A live token not used by another worker; revoking keeps at least minimumLive per owner (the first one is never revoked).
    private static TrackedToken? LeaseToken(ClientRecord record, Random random, int minimumLive)
    {
        var candidates = record.Locked(() => record.Tokens
            .Where(t => t.State == TokenState.Live)
            .GroupBy(t => t.Owner)
            .Where(g => g.Count() > minimumLive)
            .SelectMany(g => minimumLive > 0 ? g.Skip(1) : g)
            .ToDictionary(t => t.Uuid));
        return record.Lease(random, candidates.Keys) is { } uuid ? candidates[uuid] : null;
    }

    private static AuthenticationHeaderValue Basic(string user, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));

    private static byte[] JobConfig(Random random) => Encoding.UTF8.GetBytes($"""
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <description>{random.Next()}</description>
          <keepDependencies>false</keepDependencies>
          <properties/>
          <scm class="hudson.scm.NullSCM"/>
          <disabled>false</disabled>
          <concurrentBuild>false</concurrentBuild>
          <builders>
            <hudson.tasks.Shell>
              <command>{SecurityElement.Escape($"echo start; sleep 0.{random.Next(1, 4)}; echo done")}</command>
            </hudson.tasks.Shell>
          </builders>
          <publishers/>
          <buildWrappers/>
        </project>
        """);

    private static byte[] ViewConfig(string name, Random random) => Encoding.UTF8.GetBytes($"""
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson.model.ListView>
          <name>{name}</name>
          <description>{random.Next()}</description>
          <filterExecutors>false</filterExecutors>
          <filterQueue>false</filterQueue>
          <properties class="hudson.model.View$PropertyList"/>
          <jobNames>
            <comparator class="hudson.util.CaseInsensitiveComparator"/>
            <string>hello-world</string>
          </jobNames>
          <jobFilters/>
          <columns/>
          <recurse>false</recurse>
        </hudson.model.ListView>
        """);

    private Task<Reply?> PostFormAsync(string path, AuthenticationHeaderValue auth, params (string Key, string Value)[] form) =>
        SendAsync(HttpMethod.Post, path, auth, new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))));

    private Task<Reply?> PostXmlAsync(string path, byte[] xml)
    {
        var content = new ByteArrayContent(xml);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        return SendAsync(HttpMethod.Post, path, AdminAuth, content);
    }

    /// <summary>The answer, or null when none reached the client (the kill cut it off).</summary>
    private async Task<Reply?> SendAsync(HttpMethod method, string path, AuthenticationHeaderValue auth, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_server!.BaseUri, path)) { Content = content };
        request.Headers.Authorization = auth;
        try
        {
            using var response = await _http.SendAsync(request);
            return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    private sealed record Reply(HttpStatusCode Status, string Body, Uri? Location = null);
}

/// <summary>
/// Sign-in claims already verified against the very same user files. The server answers them from what it
/// loads at start, so asking again over identical bytes repeats a question already answered, at a bcrypt
/// run each for passwords and failed tokens; a claim whose user's files changed in any byte is asked again.
/// </summary>
internal sealed class VerifiedClaims
{
    private readonly Dictionary<string, string> _filesByClaim = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();

    public bool Holds(string claim, string userFiles)
    {
        lock (_gate)
        {
            return _filesByClaim.GetValueOrDefault(claim) == userFiles;
        }
    }

    public void Held(string claim, string userFiles)
    {
        lock (_gate)
        {
            _filesByClaim[claim] = userFiles;
        }
    }
}

/// <summary>
/// A fingerprint of what the server reads to authenticate a user: the id-to-folder map and the user's
/// config.xml (password hash, tokens). Usage statistics are left out: they change on every use and decide nothing.
/// </summary>
internal sealed class UserFiles(string home)
{
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();

    public string Of(string userId)
    {
        lock (_gate)
        {
            return OfLocked(userId);
        }
    }

    private string OfLocked(string userId)
    {
        if (!_fingerprints.TryGetValue(userId, out var fingerprint))
        {
            var users = Path.Combine(home, "users");
            var folders = Directory.Exists(users) ? Directory.EnumerateDirectories(users, userId + "_*").Order(StringComparer.Ordinal).ToList() : [];
            if (folders.Count == 0)
            {
                return _fingerprints[userId] = Guid.NewGuid().ToString(); // not found where expected: always ask
            }

            var files = folders.Select(f => Path.Combine(f, "config.xml")).Prepend(Path.Combine(users, "users.xml")).Where(File.Exists);
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            foreach (var file in files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(file));
                hash.AppendData(File.ReadAllBytes(file));
            }

            fingerprint = _fingerprints[userId] = Convert.ToHexString(hash.GetHashAndReset());
        }

        return fingerprint;
    }
}

/// <summary>What one look at the home after a kill found.</summary>
internal sealed class KillScan
{
    public List<string> Violations { get; } = [];

    public List<string> Temps { get; } = [];

    /// <summary>Builds whose build.xml has no result: they were running.</summary>
    public List<(string Job, int Number)> CutOff { get; } = [];

    public Dictionary<string, int> HighestBuild { get; } = new(StringComparer.Ordinal);
}

/// <summary>Reads the home while the server is down: every file parses, and no build number names two builds.</summary>
internal sealed class DiskHistory
{
    private readonly Dictionary<(string Job, int Number), string> _buildTimestamps = [];

    public int FilesChecked { get; private set; }

    public int BuildsCutOff { get; private set; }

    public KillScan ScanAfterKill(string homePath)
    {
        var scan = new KillScan();
        var home = new JenkinsHome(homePath);
        foreach (var file in Directory.EnumerateFiles(homePath, "*", SearchOption.AllDirectories))
        {
            var relative = home.RelativePath(file);
            var name = Path.GetFileName(file);
            if (name.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal))
            {
                scan.Temps.Add(file);
                continue;
            }

            if (relative.Contains("/workspace/", StringComparison.Ordinal) || relative.StartsWith("workspace/", StringComparison.Ordinal)
                || relative.StartsWith(JenkinsLite.Persistence.Jobs.JobRepository.ScratchFolder, StringComparison.Ordinal))
            {
                continue; // build output and a job being created: not data the server loads
            }

            try
            {
                var bytes = File.ReadAllBytes(file);
                if (name.EndsWith(".xml", StringComparison.Ordinal))
                {
                    _ = JenkinsXml.Parse(bytes, relative);
                }
                else if (name == "nextBuildNumber")
                {
                    _ = int.Parse(Encoding.ASCII.GetString(bytes).Trim(), CultureInfo.InvariantCulture);
                }
                else if (name == QueueFile.FileName)
                {
                    using var _ = JsonDocument.Parse(bytes);
                }
                else
                {
                    continue;
                }

                FilesChecked++;
            }
            catch (Exception e) when (e is not AssertionException)
            {
                scan.Violations.Add($"{relative} is torn after a kill: {e.Message}");
            }
        }

        ScanBuilds(homePath, scan);
        return scan;
    }

    private void ScanBuilds(string homePath, KillScan scan)
    {
        var jobs = Path.Combine(homePath, "jobs");
        foreach (var jobFolder in Directory.Exists(jobs) ? Directory.EnumerateDirectories(jobs) : [])
        {
            var job = Path.GetFileName(jobFolder);
            var builds = Path.Combine(jobFolder, "builds");
            foreach (var buildFolder in Directory.Exists(builds) ? Directory.EnumerateDirectories(builds) : [])
            {
                if (!int.TryParse(Path.GetFileName(buildFolder), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    continue;
                }

                scan.HighestBuild[job] = Math.Max(scan.HighestBuild.GetValueOrDefault(job), number);
                if (!File.Exists(Path.Combine(buildFolder, "build.xml")))
                {
                    continue;
                }

                XDocument xml;
                try
                {
                    xml = JenkinsXml.Parse(File.ReadAllBytes(Path.Combine(buildFolder, "build.xml")), $"jobs/{job}/builds/{number}/build.xml");
                }
                catch (Exception)
                {
                    continue; // reported by the file scan
                }

                var timestamp = xml.Root?.Element("timestamp")?.Value ?? string.Empty;
                if (_buildTimestamps.TryGetValue((job, number), out var known) && known != timestamp)
                {
                    scan.Violations.Add($"build number {job} #{number} was used for a second build");
                }

                _buildTimestamps[(job, number)] = timestamp;
                if (xml.Root?.Element("result") is null)
                {
                    scan.CutOff.Add((job, number));
                    BuildsCutOff++;
                }
            }
        }
    }
}
