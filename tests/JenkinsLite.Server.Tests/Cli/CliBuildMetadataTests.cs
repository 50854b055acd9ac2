using System.Text;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>
/// set-build-description, set-build-display-name and keep-build over both transports, on a matrix home where
/// alice may read jobs but not update builds: what they change, where it is saved, and Jenkins' exit codes.
/// </summary>
[TestFixture(CliFixture.Http)]
[TestFixture(CliFixture.WebSocket)]
internal sealed class CliBuildMetadataTests(string mode) : CliFixture
{
    private string _aliceToken = null!;

    [OneTimeSetUp]
    public async Task AliceAndFirstBuildsAsync()
    {
        await CreateUserAsync("alice", "alice-password-5");
        (_aliceToken, _) = await GenerateTokenAsync("alice", "alice-password-5", "alice-cli");
        foreach (var job in new[] { "quick", "folder/inner" })
        {
            var built = await AdminAsync("build", job, "-s");
            Assert.That(built.Code, Is.Zero, built.ToString());
        }
    }

    [Test]
    public async Task SetBuildDescription_Text_ShowsInJsonAndBuildXml()
    {
        // Act
        var run = await AdminAsync("set-build-description", "quick", "1", "nightly <candidate> & more");

        // Assert
        var build = await BuildJsonAsync("job/quick/1/");
        Assert.Multiple(() =>
        {
            Assert.That((run.Code, run.Out, run.Err), Is.EqualTo((0, string.Empty, string.Empty)), run.ToString());
            Assert.That(build["description"]!.ToString(), Is.EqualTo("nightly <candidate> & more"));
            Assert.That(BuildXml("quick", 1), Does.Contain("<description>nightly &lt;candidate&gt; &amp; more</description>"));
        });
    }

    [Test]
    public async Task SetBuildDescription_EqualsSign_ReadsAllOfStdin()
    {
        // Arrange
        const string text = "first line\nsecond line é😀\n";

        // Act
        var run = await CliWithStdinAsync(mode, "admin", AdminPassword, Encoding.UTF8.GetBytes(text), "set-build-description", "quick", "1", "=");

        // Assert
        Assert.That(run.Code, Is.Zero, run.ToString());
        Assert.That((await BuildJsonAsync("job/quick/1/"))["description"]!.ToString(), Is.EqualTo(text));
    }

    [Test]
    public async Task SetBuildDisplayName_DashInFolder_ReadsStdinAndNamesTheBuild()
    {
        // Act
        var run = await CliWithStdinAsync(mode, "admin", AdminPassword, "release 1.0"u8.ToArray(), "set-build-display-name", "folder/inner", "1", "-");

        // Assert
        var build = await BuildJsonAsync("job/folder/job/inner/1/");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.Zero, run.ToString());
            Assert.That(build["displayName"]!.ToString(), Is.EqualTo("release 1.0"));
            Assert.That(build["fullDisplayName"]!.ToString(), Is.EqualTo("folder » inner release 1.0"));
            Assert.That(BuildXml("folder/inner", 1), Does.Contain("<displayName>release 1.0</displayName>"));
        });
    }

    [Test]
    public async Task KeepBuild_Build_IsKeptInJsonAndBuildXml()
    {
        // Act
        var run = await AdminAsync("keep-build", "quick", "1");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(run.Code, Is.Zero, run.ToString());
            Assert.That((bool)(await BuildJsonAsync("job/quick/1/"))["keepLog"]!, Is.True);
            Assert.That(BuildXml("quick", 1), Does.Contain("<keepLog>true</keepLog>"));
        });
    }

    [Test]
    public async Task Metadata_SetWhileTheBuildRuns_SurvivesItsCompletion()
    {
        // Arrange: build -s waits while the build sleeps
        var waiting = AdminAsync("build", "slow", "-s");
        await WaitUntilRunningAsync("job/slow/1/");

        // Act
        var named = await AdminAsync("set-build-display-name", "slow", "1", "slow-one");
        var described = await AdminAsync("set-build-description", "slow", "1", "set while running");
        var kept = await AdminAsync("keep-build", "slow", "1");
        var built = await waiting;

        // Assert: build -s prints the name as it is at the end (its "Started" line may already show it)
        var build = await BuildJsonAsync("job/slow/1/");
        Assert.Multiple(() =>
        {
            Assert.That((named.Code, described.Code, kept.Code), Is.EqualTo((0, 0, 0)), $"{named}\n{described}\n{kept}");
            Assert.That(built.Out, Does.StartWith("Started slow ").And.EndWith("Completed slow slow-one : SUCCESS\n"), built.ToString());
            Assert.That(build["result"]!.ToString(), Is.EqualTo("SUCCESS"));
            Assert.That((build["displayName"]!.ToString(), build["description"]!.ToString(), (bool)build["keepLog"]!),
                Is.EqualTo(("slow-one", "set while running", true)));
            Assert.That(BuildXml("slow", 1), Does.Contain("<result>SUCCESS</result>").And.Contain("<displayName>slow-one</displayName>"));
        });
    }

    [TestCase("set-build-description", "no-such-job", "1", "x", 3, "No such job 'no-such-job'")]
    [TestCase("set-build-description", "quick", "99", "x", 3, "No such build #99")]
    [TestCase("set-build-description", "quick", "one", "x", 2, "\"one\" is not a valid value for \"quick\"")]
    [TestCase("set-build-description", "folder", "1", "x", 3, "No such job 'folder'")]
    [TestCase("set-build-display-name", "no-such-job", "1", "x", 3, "No such job 'no-such-job'")]
    [TestCase("set-build-display-name", "quick", "99", "x", 3, "Build #99 does not exist")]
    [TestCase("set-build-display-name", "quick", "1x", "x", 2, "\"1x\" is not a valid value for \"quick\"")]
    [TestCase("keep-build", "no-such-job", "1", null, 2, "No such job ‘no-such-job’ exists.")]
    [TestCase("keep-build", "quick", "99", null, 2, "No such build '#99' exists")]
    [TestCase("keep-build", "quick", "one", null, 2, "oneis not a number")]
    [TestCase("keep-build", "folder", "1", null, 3, "No such job 'folder'")]
    public async Task Command_BadJobOrBuild_ExitsAsJenkins(string command, string job, string build, string? text, int code, string message)
    {
        // Act
        var run = await AdminAsync(text is null ? [command, job, build] : [command, job, build, text]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(code), run.ToString());
            Assert.That(run.Err, Does.StartWith($"\nERROR: {message}\n"));
        });
    }

    [TestCase("set-build-description", "quick", "1", "mine now")]
    [TestCase("set-build-display-name", "quick", "1", "mine now")]
    [TestCase("keep-build", "quick", "1")]
    public async Task Command_ReaderWithoutRunUpdate_ExitsSixAndChangesNothing(params string[] command)
    {
        // Act
        var run = await CliAsync(mode, "alice", _aliceToken, command);

        // Assert
        var build = await BuildJsonAsync("job/quick/1/");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(6), run.ToString());
            Assert.That(run.Err, Is.EqualTo("\nERROR: alice is missing the Run/Update permission\n"));
            Assert.That(build["description"]!.ToString(), Is.Not.EqualTo("mine now"));
            Assert.That(build["displayName"]!.ToString(), Is.Not.EqualTo("mine now"));
        });
    }

    protected override async Task<TestServer> StartAsync()
    {
        var server = await TestServer.StartWithConfigAsync(TestServer.MatrixConfig("USER:hudson.model.Item.Read:alice"));
        BuildKit.AddJobs(server.Home, new Dictionary<string, string>
        {
            ["quick"] = BuildKit.Freestyle("true"),
            ["slow"] = BuildKit.Freestyle("sleep 3"),
            ["folder"] = BuildKit.Folder,
            ["folder/inner"] = BuildKit.Freestyle("true"),
        });
        await server.RestartAsync();
        return server;
    }

    private Task<CliRun> AdminAsync(params string[] command) => CliAsync(mode, "admin", AdminPassword, command);

    private async Task<JObject> BuildJsonAsync(string buildPath)
    {
        using var admin = Admin();
        return await JsonAsync(admin, buildPath + "api/json");
    }

    private string BuildXml(string job, int number) =>
        File.ReadAllText(Path.Combine([Server.Home, .. job.Split('/').SelectMany(s => new[] { "jobs", s }), "builds", $"{number}", "build.xml"]));

    private async Task WaitUntilRunningAsync(string buildPath)
    {
        using var admin = Admin();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using var response = await admin.GetAsync(buildPath + "api/json");
            if (response.IsSuccessStatusCode && (bool)JObject.Parse(await response.Content.ReadAsStringAsync())["building"]!)
            {
                return;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"{buildPath} never started");
            await Task.Delay(50);
        }
    }
}
