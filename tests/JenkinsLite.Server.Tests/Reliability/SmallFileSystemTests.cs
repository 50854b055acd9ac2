using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JenkinsLite.Server.Tests.Builds;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// REL-03 on a real file system, not the injected faults of <see cref="WriteFaultTests"/>: the home is a 2 MB
/// tmpfs that a build's console log fills to the brim. The build ends FAILURE and the log says why, token
/// creation answers 500 or 503 with a reference and changes nothing, reads keep working, and once space is
/// freed the next write succeeds. Needs root and a container that allows mounts; skipped otherwise.
/// </summary>
[NonParallelizable]
internal sealed class SmallFileSystemTests
{
    private const string TokenBase = "descriptorByName/jenkins.security.ApiTokenProperty";

    private string _home = null!;
    private string _seed = null!;
    private ServerProcess? _server;

    [SetUp]
    public void CreateHome()
    {
        if (MountsRefused() is { } why)
        {
            Assert.Ignore($"a tmpfs cannot be mounted here: {why}");
        }

        _seed = ServerProcess.CreateSeedHome("jenkinslite-smallfs-seed-");
        var config = Path.Combine(_seed, "config.xml");
        File.WriteAllText(config, File.ReadAllText(config)
            .Replace("<quietPeriod>5</quietPeriod>", "<quietPeriod>0</quietPeriod>", StringComparison.Ordinal)
            .Replace("</hudson>", "  <jenkinslite.buildSandbox>none</jenkinslite.buildSandbox>\n</hudson>", StringComparison.Ordinal));
        BuildKit.AddJobs(_seed, new Dictionary<string, string>
        {
            ["flood"] = BuildKit.Freestyle("yes 'a line of build output that fills the disk' | head -c 20000000"),
        });
        _home = Directory.CreateTempSubdirectory("jenkinslite-smallfs-").FullName;
    }

    [TearDown]
    public void RemoveHome()
    {
        _server?.Dispose(); // the tmpfs goes with the server's mount namespace
        foreach (var folder in new[] { _home, _seed }.Where(f => f is not null))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a temp folder left behind is harmless
            }
        }
    }

    [Test]
    public async Task HomeFilledByABuildLog_BuildFailsWritesRefusedReadsServedThenWritesResume()
    {
        _server = await ServerProcess.StartOnSmallFileSystemAsync(_home, _seed, "2m", TimeSpan.FromSeconds(120));
        using var admin = await AdminClientAsync();
        var users = _server.SeenByServer(Path.Combine(_home, "users"));

        // Act 1: the build's log fills the file system.
        var (buildPath, build) = await BuildKit.BuildAsync(admin, "job/flood/build");
        Assert.That(build["result"]!.ToString(), Is.EqualTo("FAILURE"), "a build whose log cannot be written fails, it does not hang");
        Assert.That(_server.RecentOutput, Does.Contain("console log could not be written"), "the server log says why");

        // Act 2: a write while the disk is full. What the failed build left free (its last pages, its workspace
        // files, a temp it removed) is taken by a filler first: the file system is full to the last byte.
        var filler = _server.SeenByServer(Path.Combine(_home, "filler"));
        var filled = FillUp(filler);
        var tokensBefore = await TokenNamesAsync(admin);
        var userFiles = Snapshot(users);
        using var refused = await admin.PostAsync($"user/admin/{TokenBase}/generateNewToken",
            new FormUrlEncodedContent([new("newTokenName", "while-full")]));
        var body = await refused.Content.ReadAsStringAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((int)refused.StatusCode, Is.EqualTo(500).Or.EqualTo(503), body);
            Assert.That(body, Does.Contain("reference"), "an error id the admin finds in the log");
            Assert.That(body, Does.Not.Contain("No space").And.Not.Contain("/"), "no detail to the client");
            Assert.That(await TokenNamesAsync(admin), Is.EqualTo(tokensBefore), "memory rolled back to what is on disk");
            Assert.That(Snapshot(users), Is.EqualTo(userFiles), "the files are intact and no temp is left");
            Assert.That((await admin.GetAsync("job/flood/api/json")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads keep working");
            Assert.That((await admin.GetAsync($"{buildPath}api/json")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads keep working");
        });

        // Act 3: space freed (the filler and the flooding log removed), the next write succeeds and lasts.
        File.Delete(filler);
        File.Delete(_server.SeenByServer(Path.Combine(_home, "jobs", "flood", "builds", build["number"]!.ToString(), "log")));
        TestContext.Progress.WriteLine($"Small file system: the build's log filled 2 MB, a filler took the last {filled} bytes; token creation refused, then accepted");
        using var accepted = await admin.PostAsync($"user/admin/{TokenBase}/generateNewToken",
            new FormUrlEncodedContent([new("newTokenName", "after-space-freed")]));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        var value = JObject.Parse(await accepted.Content.ReadAsStringAsync())["data"]!["tokenValue"]!.ToString();
        using var check = new HttpClient { BaseAddress = _server.BaseUri };
        check.DefaultRequestHeaders.Authorization = Basic("admin", value);
        Assert.That((await check.GetAsync("whoAmI/api/json")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new token works");
        Assert.That(Snapshot(users).Values.Any(text => text.Contains("after-space-freed", StringComparison.Ordinal)), Is.True, "and is on disk");
    }

    private static long FillUp(string path)
    {
        var chunk = new byte[4096];
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        long written = 0;
        try
        {
            while (true)
            {
                file.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            return written; // no space left on the device
        }
    }

    // A tiny tmpfs in a throw-away mount namespace: refused without root or in a container without CAP_SYS_ADMIN.
    private static string? MountsRefused()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        var target = Directory.CreateTempSubdirectory("jenkinslite-mount-probe-").FullName;
        try
        {
            var probe = new ProcessStartInfo("unshare", ["--mount", "sh", "-c", $"mount -t tmpfs -o size=1m tmpfs '{target}'"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(probe)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"unshare --mount and mount -t tmpfs exited {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"unshare cannot run: {e.Message}";
        }
        finally
        {
            Directory.Delete(target);
        }
    }

    private async Task<HttpClient> AdminClientAsync()
    {
        var password = (await File.ReadAllTextAsync(_server!.SeenByServer(Path.Combine(_home, "secrets", "initialAdminPassword")))).Trim();
        using var session = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = _server.BaseUri };
        session.DefaultRequestHeaders.Authorization = Basic("admin", password);
        var crumb = JObject.Parse(await session.GetStringAsync("crumbIssuer/api/json"))["crumb"]!.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"user/admin/{TokenBase}/generateNewToken")
        {
            Content = new FormUrlEncodedContent([new("newTokenName", "small-fs")]),
        };
        request.Headers.Add("Jenkins-Crumb", crumb);
        using var reply = await session.SendAsync(request);
        var token = JObject.Parse(await reply.Content.ReadAsStringAsync())["data"]!["tokenValue"]!.ToString();
        var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = Basic("admin", token);
        return admin;
    }

    private static async Task<List<string>> TokenNamesAsync(HttpClient admin) =>
        JObject.Parse(await admin.GetStringAsync("user/admin/api/json"))["property"]!
            .SelectMany(p => p["tokens"] ?? new JArray()).Select(t => t["name"]!.ToString()).ToList();

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText);

    private static AuthenticationHeaderValue Basic(string user, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
}
