using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Builds;

/// <summary>
/// The build page's forms: submitDescription, toggleLogKeep and configSubmit, top-level and in folders, on a
/// matrix home where alice may update builds but not delete them and bob may only read.
/// </summary>
internal sealed class BuildMetadataEndpointTests : ServerFixture
{
    private HttpClient _admin = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;

    [OneTimeSetUp]
    public async Task ClientsAndBuildsAsync()
    {
        _admin = Server.Client("admin", (await GenerateTokenAsync("admin", AdminPassword)).Value);
        _alice = await TokenClientAsync("alice");
        _bob = await TokenClientAsync("bob");
        foreach (var job in new[] { "job/plain/", "job/folder/job/inner/" })
        {
            await BuildKit.BuildAsync(_admin, job + "build?delay=0sec");
        }
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _admin.Dispose();
        _alice.Dispose();
        _bob.Dispose();
    }

    [Test]
    public async Task SubmitDescription_Form_RedirectsToTheBuildAndSaves()
    {
        // Act
        using var response = await PostAsync(_admin, "job/plain/1/submitDescription", ("description", "checked by hand"));

        // Assert
        var build = await JsonAsync(_admin, "job/plain/1/api/json");
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(302));
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo(Server.BaseUri + "job/plain/1/"));
            Assert.That(build["description"]!.ToString(), Is.EqualTo("checked by hand"));
            Assert.That(File.ReadAllText(BuildXmlPath("plain")), Does.Contain("<description>checked by hand</description>"));
        });
    }

    [Test]
    public async Task ConfigSubmit_InFolder_NamesAndDescribesTheBuildUntilTheNameIsBlankedAgain()
    {
        // Act
        using var named = await PostAsync(_admin, "job/folder/job/inner/1/configSubmit",
            ("json", """{"displayName":"  rc-1  ","description":"first candidate"}"""));
        var build = await JsonAsync(_admin, "job/folder/job/inner/1/api/json");
        var job = await JsonAsync(_admin, "job/folder/job/inner/api/json?depth=1");
        using var blanked = await PostAsync(_admin, "job/folder/job/inner/1/configSubmit", ("json", """{"displayName":" ","description":""}"""));
        var after = await JsonAsync(_admin, "job/folder/job/inner/1/api/json");

        // Assert: Jenkins trims the name, and a blank one means "#N" again
        Assert.Multiple(() =>
        {
            Assert.That((int)named.StatusCode, Is.EqualTo(302));
            Assert.That(named.Headers.Location!.ToString(), Is.EqualTo(Server.BaseUri + "job/folder/job/inner/1/"));
            Assert.That((build["displayName"]!.ToString(), build["fullDisplayName"]!.ToString(), build["description"]!.ToString()),
                Is.EqualTo(("rc-1", "folder » inner rc-1", "first candidate")));
            Assert.That(job["lastBuild"]!["fullDisplayName"]!.ToString(), Is.EqualTo("folder » inner rc-1"));
            Assert.That((int)blanked.StatusCode, Is.EqualTo(302));
            Assert.That((after["displayName"]!.ToString(), after["fullDisplayName"]!.ToString(), after["description"]!.ToString()),
                Is.EqualTo(("#1", "folder » inner #1", string.Empty)));
        });
    }

    [Test]
    public async Task ToggleLogKeep_KeepThenRelease_NeedsRunUpdateThenRunDelete()
    {
        // Act: alice may keep (Run/Update) but not release (Run/Delete)
        using var kept = await _alice.PostAsync("job/plain/1/toggleLogKeep", null);
        var whileKept = await JsonAsync(_admin, "job/plain/1/api/json");
        using var refused = await _alice.PostAsync("job/plain/1/toggleLogKeep", null);
        using var released = await _admin.PostAsync("job/plain/1/toggleLogKeep", null);
        var after = await JsonAsync(_admin, "job/plain/1/api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)kept.StatusCode, Is.EqualTo(302));
            Assert.That(kept.Headers.Location!.ToString(), Is.EqualTo(Server.BaseUri + "job/plain/1/"));
            Assert.That((bool)whileKept["keepLog"]!, Is.True);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refused.Headers.GetValues("X-Required-Permission"), Is.EqualTo(new List<string> { "hudson.model.Run.Delete" }));
            Assert.That((int)released.StatusCode, Is.EqualTo(302));
            Assert.That((bool)after["keepLog"]!, Is.False);
        });
    }

    [TestCase("submitDescription")]
    [TestCase("toggleLogKeep")]
    [TestCase("configSubmit")]
    public async Task Form_ReaderWithoutRunUpdate_Is403AndChangesNothing(string action)
    {
        // Act
        using var response = await PostAsync(_bob, $"job/plain/1/{action}",
            ("description", "bob was here"), ("json", """{"displayName":"bob","description":"bob was here"}"""));

        // Assert
        var build = await JsonAsync(_admin, "job/plain/1/api/json");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(response.Headers.GetValues("X-Required-Permission"), Is.EqualTo(new List<string> { "hudson.model.Run.Update" }));
            Assert.That(build["description"]?.ToString(), Is.Not.EqualTo("bob was here"));
            Assert.That(build["displayName"]!.ToString(), Is.EqualTo("#1"));
        });
    }

    [TestCase("job/plain/99/submitDescription")]
    [TestCase("job/plain/99/toggleLogKeep")]
    [TestCase("job/plain/99/configSubmit")]
    [TestCase("job/folder/1/toggleLogKeep")]
    [TestCase("job/no-such-job/1/submitDescription")]
    public async Task Form_NoSuchBuild_Is404(string path)
    {
        // Act
        using var response = await PostAsync(_admin, path, ("description", "x"), ("json", """{"displayName":"x","description":"x"}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("submitDescription", HttpStatusCode.MethodNotAllowed)]
    [TestCase("toggleLogKeep", HttpStatusCode.MethodNotAllowed)]
    [TestCase("configSubmit", HttpStatusCode.NotFound)]
    public async Task Form_Get_IsRefusedAsInJenkins(string action, HttpStatusCode expected)
    {
        // Act: @RequirePOST answers 405; configSubmit is @POST, so a GET finds nothing
        using var response = await _admin.GetAsync($"job/plain/1/{action}");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("""{"description":"no name field"}""")]
    public async Task ConfigSubmit_WithoutTheForm_Is400(string json)
    {
        // Act
        using var response = await PostAsync(_admin, "job/plain/1/configSubmit", ("json", json));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task SubmitDescription_PasswordWithoutCrumb_Is403()
    {
        // Arrange: only an API token spares a caller the crumb
        using var client = Server.Client("admin", AdminPassword);

        // Act
        using var response = await PostAsync(client, "job/plain/1/submitDescription", ("description", "forged"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await JsonAsync(_admin, "job/plain/1/api/json"))["description"]?.ToString(), Is.Not.EqualTo("forged"));
    }

    protected override async Task<TestServer> StartAsync()
    {
        var server = await TestServer.StartWithConfigAsync(TestServer.MatrixConfig(
            "USER:hudson.model.Item.Read:alice", "USER:hudson.model.Run.Update:alice", "USER:hudson.model.Item.Read:bob"));
        BuildKit.AddJobs(server.Home, new Dictionary<string, string>
        {
            ["plain"] = BuildKit.Freestyle("true"),
            ["folder"] = BuildKit.Folder,
            ["folder/inner"] = BuildKit.Freestyle("true"),
        });
        await server.RestartAsync();
        return server;
    }

    private async Task<HttpClient> TokenClientAsync(string user)
    {
        await CreateUserAsync(user, user + "-password-9");
        return Server.Client(user, (await GenerateTokenAsync(user, user + "-password-9")).Value);
    }

    private string BuildXmlPath(string job) => Path.Combine(Server.Home, "jobs", job, "builds", "1", "build.xml");
}
