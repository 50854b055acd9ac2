using System.Net;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Infrastructure;
using JenkinsLite.Server.Tests.Jobs;

namespace JenkinsLite.Server.Tests.Api;

/// <summary>
/// One answer for a job the caller may not read, on every job and build URL alike: 404 (as a job that does not
/// exist), 403 when they may discover it, 403 for Overall/Read first when they may not read Jenkins at all.
/// </summary>
internal sealed class JobResolutionParityTests : JobFixture
{
    private static readonly string MatrixConfig = TestServer.MatrixConfig(
        "USER:hudson.model.Item.Discover:alice", "USER:hudson.model.Item.Read:carol");

    private static readonly string[] ReadPaths =
    [
        "", "api/json", "api/json/extra", "config.xml", "configure", "ws/", "1/", "1/api/json", "lastBuild/api/json",
        "lastBuild/consoleText", "1/console", "lastBuild/console", "1/artifact/x", "1/logText/progressiveText",
    ];

    private static readonly string[] PostPaths =
    [
        "build", "buildWithParameters", "doDelete", "disable", "config.xml", "createItem?name=x", "api/json", "1/stop", "1/doDelete",
        "lastBuild/toggleLogKeep", "1/submitDescription", "lastSuccessfulBuild/api/json",
    ];

    private readonly Dictionary<string, string> _tokens = [];

    protected override Task<TestServer> StartAsync() => TestServer.StartWithConfigAsync(MatrixConfig);

    [OneTimeSetUp]
    public async Task CreateUsersJobAndBuildAsync()
    {
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            await CreateUserAsync(user, user + "-password-9");
            (_tokens[user], _) = await GenerateTokenAsync(user, user + "-password-9", "t");
        }

        await CreateAsync("createItem?name=secret", FreeStyle);
        using var admin = AdminToken();
        await BuildKit.BuildAsync(admin, "job/secret/build?delay=0sec");
    }

    [TestCaseSource(nameof(ReadPaths))]
    public Task Get_Unreadable_IsNotFoundAsForAMissingJob(string path) => AssertAnswersAsync(HttpMethod.Get, path);

    [TestCaseSource(nameof(PostPaths))]
    public Task Post_Unreadable_IsNotFoundAsForAMissingJob(string path) => AssertAnswersAsync(HttpMethod.Post, path);

    [TestCase("api/json")]
    [TestCase("1/api/json")]
    [TestCase("lastBuild/consoleText")]
    [TestCase("lastBuild/console")]
    public async Task Get_Reader_IsOk(string path)
    {
        using var carol = Server.Client("carol", _tokens["carol"]);

        using var response = await carol.GetAsync("job/secret/" + path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task AssertAnswersAsync(HttpMethod method, string path)
    {
        using var bob = Server.Client("bob", _tokens["bob"]);
        using var alice = Server.Client("alice", _tokens["alice"]);
        using var anonymous = Server.Client();

        var bobs = await SendAsync(bob, method, "job/secret/" + path);
        var bobsMissing = await SendAsync(bob, method, "job/missing/" + path);
        var alices = await SendAsync(alice, method, "job/secret/" + path);
        var alicesMissing = await SendAsync(alice, method, "job/missing/" + path);
        var anonymous403 = await SendAsync(anonymous, method, "job/secret/" + path);

        Assert.Multiple(() =>
        {
            Assert.That(bobs, Is.EqualTo((HttpStatusCode.NotFound, (string?)null)), "no Job/Read");
            Assert.That(bobsMissing, Is.EqualTo(bobs), "unreadable answers as missing");
            Assert.That(alices, Is.EqualTo((HttpStatusCode.Forbidden, (string?)"hudson.model.Item.Read")), "Job/Discover only");
            Assert.That(alicesMissing, Is.EqualTo((HttpStatusCode.NotFound, (string?)null)), "a missing job is missing for a discoverer too");
            // A POST without a crumb is refused by the CSRF filter first, as in Jenkins; either way 403.
            Assert.That(method == HttpMethod.Post ? (anonymous403.Status, "hudson.model.Hudson.Read") : anonymous403,
                Is.EqualTo((HttpStatusCode.Forbidden, (string?)"hudson.model.Hudson.Read")), "no Overall/Read");
        });
        Assert.That(await StatusAsync("job/secret/api/json"), Is.EqualTo(HttpStatusCode.OK), "the refused requests left the job");
    }

    private static async Task<(HttpStatusCode Status, string? Required)> SendAsync(HttpClient client, HttpMethod method, string url)
    {
        using var request = new HttpRequestMessage(method, url);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.TryGetValues("X-Required-Permission", out var values) ? values.Single() : null);
    }
}
