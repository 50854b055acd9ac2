using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Builds;

/// <summary>What survives a restart: waiting items, build records, numbers and metadata; a build cut off is ABORTED.</summary>
internal sealed class BuildRestartTests
{
    private TestServer _server = null!;
    private HttpClient _admin = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await BuildKit.StartWithJobsAsync(new Dictionary<string, string>
        {
            ["sleeper"] = BuildKit.Freestyle("sleep 60"),
        });
        _admin = _server.Client("admin", _server.AdminPassword!);
        await RenewClientAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Restart_ItemInQuietPeriod_RunsAfterwardsUnderItsId()
    {
        // Arrange
        var id = await BuildKit.TriggerAsync(_admin, "job/hello-world/build?delay=2sec");

        // Act
        await _server.RestartAsync();
        await RenewClientAsync();
        var left = await BuildKit.LeftItemAsync(_admin, id);

        // Assert
        Assert.That((bool)left["cancelled"]!, Is.False);
        Assert.That((int)left["executable"]!["number"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task Restart_ItemInLongQuietPeriod_IsStillQueued()
    {
        // Arrange
        var id = await BuildKit.TriggerAsync(_admin, "job/hello-world/build?delay=600sec");

        // Act
        await _server.RestartAsync();
        await RenewClientAsync();
        using var response = await _admin.GetAsync($"queue/item/{id}/api/json");
        var item = Newtonsoft.Json.Linq.JObject.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(item["_class"]!.ToString(), Is.EqualTo("hudson.model.Queue$WaitingItem"));
    }

    [Test]
    public async Task Restart_RunningBuild_IsAbortedAndNumbersContinue()
    {
        // Arrange
        var (done, _) = await BuildKit.BuildAsync(_admin, "job/hello-world/build");
        var path = await BuildKit.StartedBuildAsync(_admin, "job/sleeper/build");

        // Act
        await _server.RestartAsync();
        await RenewClientAsync();
        var build = await BuildKit.FinishedBuildAsync(_admin, path);
        var console = await BuildKit.ConsoleAsync(_admin, path);
        var (next, nextBuild) = await BuildKit.BuildAsync(_admin, "job/hello-world/build");
        var kept = await BuildKit.FinishedBuildAsync(_admin, done);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(build["result"]!.ToString(), Is.EqualTo("ABORTED"));
            Assert.That(console, Does.EndWith("Finished: ABORTED\n"));
            Assert.That((int)nextBuild["number"]!, Is.EqualTo(2));
            Assert.That(kept["result"]!.ToString(), Is.EqualTo("SUCCESS"));
            Assert.That(BuildKit.ProcessesOfHome(_server.Home), Is.Empty);
            Assert.That(File.ReadAllText(Path.Combine(_server.Home, "jobs", "hello-world", "nextBuildNumber")).Trim(), Is.EqualTo("3"));
            Assert.That(File.ReadAllText(Path.Combine(_server.Home, "jobs", "hello-world", "builds", "1", "build.xml")), Does.Contain("<result>SUCCESS</result>"));
        });
    }

    [Test]
    public async Task Restart_BuildDescriptionNameAndKeepLog_AreReadBackFromBuildXml()
    {
        // Arrange
        var (path, _) = await BuildKit.BuildAsync(_admin, "job/hello-world/build");
        using var configured = await _admin.PostAsync(path + "configSubmit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["json"] = """{"displayName":"before the restart","description":"kept across it"}""",
        }));
        using var kept = await _admin.PostAsync(path + "toggleLogKeep", null);

        // Act
        await _server.RestartAsync();
        await RenewClientAsync();
        var build = await BuildKit.FinishedBuildAsync(_admin, path);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(((int)configured.StatusCode, (int)kept.StatusCode), Is.EqualTo((302, 302)));
            Assert.That((build["displayName"]!.ToString(), build["fullDisplayName"]!.ToString()),
                Is.EqualTo(("before the restart", "hello-world before the restart")));
            Assert.That(build["description"]!.ToString(), Is.EqualTo("kept across it"));
            Assert.That((bool)build["keepLog"]!, Is.True);
        });
    }

    // Token callers need no crumb; a restart keeps users and tokens.
    private async Task RenewClientAsync()
    {
        _admin.Dispose();
        using var client = _server.Client("admin", _server.AdminPassword!, cookies: true);
        using var crumbResponse = await client.GetAsync("crumbIssuer/api/json");
        var crumb = Newtonsoft.Json.Linq.JObject.Parse(await crumbResponse.Content.ReadAsStringAsync())["crumb"]!.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "user/admin/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken");
        request.Headers.Add("Jenkins-Crumb", crumb);
        using var response = await client.SendAsync(request);
        var token = Newtonsoft.Json.Linq.JObject.Parse(await response.Content.ReadAsStringAsync())["data"]!["tokenValue"]!.ToString();
        _admin = _server.Client("admin", token);
    }
}
