using System.Net;
using System.Text;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// REL-03: a full, broken or read-only disk at a write: the request answers 5xx with a reference and no
/// detail, memory stays what is on disk, reads keep working, and the next write after the fault clears
/// succeeds. A build whose log cannot be written ends FAILURE instead of hanging on its output.
/// </summary>
internal sealed class WriteFaultTests : ServerFixture
{
    public static readonly string[] Kinds = ["ENOSPC", "EIO", "EROFS"];

    private string _adminToken = null!;

    [OneTimeSetUp]
    public async Task CreateAdminTokenAsync() => _adminToken = (await GenerateTokenAsync("admin", AdminPassword, "faults")).Value;

    [TestCaseSource(nameof(Kinds))]
    public async Task TokenCreate_DiskFails_500AndTokenAbsentUntilTheFaultClears(string kind)
    {
        // Arrange
        using var admin = Server.Client("admin", _adminToken);
        var before = await TokenNamesAsync(admin);
        var userFiles = Snapshot("users");
        HttpResponseMessage refused;

        // Act
        using (Inject(kind, "users"))
        {
            refused = await admin.PostAsync($"user/admin/{TokenBase}/generateNewToken", Form(("newTokenName", "during-" + kind)));
            await AssertReadsWorkAsync(admin);
        }

        // Assert
        await AssertRefusedWithReferenceAsync(refused, kind);
        Assert.That(await TokenNamesAsync(admin), Is.EqualTo(before), "memory rolled back to what is on disk");
        Assert.That(Snapshot("users"), Is.EqualTo(userFiles), "the old files are intact and no temp is left");
        var (value, _) = await GenerateTokenAsync("admin", AdminPassword, "after-" + kind);
        await Server.RestartAsync();
        Assert.That(await WhoAmIStatusAsync(Server, "admin", value), Is.EqualTo(HttpStatusCode.OK), "the write after the fault cleared lasts");
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task JobConfigUpdate_DiskFails_500AndOldConfigServed(string kind)
    {
        // Arrange
        using var admin = Server.Client("admin", _adminToken);
        var old = await admin.GetStringAsync("job/hello-world/config.xml");
        var changed = old.Replace("</description>", $" ({kind})</description>", StringComparison.Ordinal);
        var jobFiles = Snapshot("jobs");
        HttpResponseMessage refused;

        // Act
        using (Inject(kind, "jobs"))
        {
            refused = await admin.PostAsync("job/hello-world/config.xml", new StringContent(changed, Encoding.UTF8, "application/xml"));
            await AssertReadsWorkAsync(admin);
        }

        // Assert
        await AssertRefusedWithReferenceAsync(refused, kind);
        Assert.That(await admin.GetStringAsync("job/hello-world/config.xml"), Is.EqualTo(old), "memory rolled back to what is on disk");
        Assert.That(Snapshot("jobs"), Is.EqualTo(jobFiles));
        using var accepted = await admin.PostAsync("job/hello-world/config.xml", new StringContent(changed, Encoding.UTF8, "application/xml"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await admin.GetStringAsync("job/hello-world/config.xml"), Is.EqualTo(changed));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task UserCreate_DiskFails_500AndNoUser(string kind)
    {
        // Arrange
        using var admin = Server.Client("admin", _adminToken);
        var id = "faulty-" + kind.ToLowerInvariant();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        Server.RememberSecret(password);
        var form = Form(("username", id), ("password1", password), ("password2", password), ("fullname", id));
        var userFiles = Snapshot("users");
        HttpResponseMessage refused;

        // Act
        using (Inject(kind, "users"))
        {
            refused = await admin.PostAsync("securityRealm/createAccountByAdmin", form);
            await AssertReadsWorkAsync(admin);
        }

        // Assert
        await AssertRefusedWithReferenceAsync(refused, kind);
        using (var lookup = await admin.GetAsync($"user/{id}/api/json"))
        {
            Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "memory rolled back to what is on disk");
        }

        Assert.That(await WhoAmIStatusAsync(Server, id, password), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Snapshot("users"), Is.EqualTo(userFiles));
        using var created = await admin.PostAsync("securityRealm/createAccountByAdmin", Form(("username", id), ("password1", password), ("password2", password), ("fullname", id)));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(await WhoAmIStatusAsync(Server, id, password), Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task BuildLog_DiskFailsMidBuild_BuildEndsFailureAndNextBuildSucceeds(string kind)
    {
        // Arrange: far more output than a pipe holds, so a shell nobody drains would block for ever
        using var admin = Server.Client("admin", _adminToken);
        var job = "chatty-" + kind.ToLowerInvariant();
        using (var created = await admin.PostAsync($"createItem?name={job}",
            new StringContent(BuildKit.Freestyle("yes 'a line of build output' | head -n 5000"), Encoding.UTF8, "application/xml")))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        JObject failed;

        // Act: the log takes its first lines, then the disk refuses it
        using (WriteFaults.Inject(p => p.StartsWith(Server.Home, StringComparison.Ordinal) && p.EndsWith("/log", StringComparison.Ordinal),
            path => Error(kind, path), afterWrites: 3))
        {
            (_, failed) = await BuildKit.BuildAsync(admin, $"job/{job}/build");
        }

        // Assert
        Assert.That(failed["result"]!.ToString(), Is.EqualTo("FAILURE"));
        Assert.That(Server.Log.AllText, Does.Contain("console log could not be written"), "the admin can see why");
        var (path, succeeded) = await BuildKit.BuildAsync(admin, $"job/{job}/build");
        Assert.That(succeeded["result"]!.ToString(), Is.EqualTo("SUCCESS"));
        Assert.That(await BuildKit.ConsoleAsync(admin, path), Does.EndWith("Finished: SUCCESS\n"));
    }

    /// <summary>The errors the operating system gives for a full disk, a failing device and a read-only mount.</summary>
    private static IOException Error(string kind, string path) => kind switch
    {
        "ENOSPC" => new IOException($"No space left on device : '{path}'", 28),
        "EIO" => new IOException($"Input/output error : '{path}'", 5),
        _ => new IOException($"Read-only file system : '{path}'", 30),
    };

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task AssertRefusedWithReferenceAsync(HttpResponseMessage refused, string kind)
    {
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)refused.StatusCode, Is.EqualTo(500).Or.EqualTo(503), body);
            Assert.That(body, Does.Contain("reference"), "an error id the admin finds in the log");
            Assert.That(body, Does.Not.Contain(kind switch { "ENOSPC" => "No space", "EIO" => "Input/output", _ => "Read-only" }), "no detail to the client");
            Assert.That(body, Does.Not.Contain("/"), "no path to the client");
        });
        refused.Dispose();
    }

    private static async Task AssertReadsWorkAsync(HttpClient admin)
    {
        using var whoAmI = await admin.GetAsync("whoAmI/api/json");
        using var jobs = await admin.GetAsync("api/json?tree=jobs[name]");
        Assert.That((whoAmI.StatusCode, jobs.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), "reads keep working while writes fail");
    }

    private static async Task<List<string>> TokenNamesAsync(HttpClient admin)
    {
        var me = JObject.Parse(await admin.GetStringAsync("me/api/json?tree=property[tokens[name]]"));
        return [.. me.SelectTokens("property[*].tokens[*].name").Select(t => t.ToString()).Order(StringComparer.Ordinal)];
    }

    private IDisposable Inject(string kind, string folder)
    {
        var root = Path.Combine(Server.Home, folder) + Path.DirectorySeparatorChar;
        return WriteFaults.Inject(p => p.StartsWith(root, StringComparison.Ordinal), path => Error(kind, path));
    }

    // Every file under a folder of the home with its bytes: equal snapshots mean nothing changed and no temp was
    // left. Usage statistics are left out: the admin's requests update them in the background meanwhile.
    private Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Server.Home, folder), "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Contains("apiTokenStats.xml", StringComparison.Ordinal)) // and its temps
            .Where(f => !Path.GetFileName(f).Contains(JenkinsLite.Persistence.ApiTokens.TokenAddressFile.FileName, StringComparison.Ordinal)) // flushed with them
            .ToDictionary(f => Path.GetRelativePath(Server.Home, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));
}
