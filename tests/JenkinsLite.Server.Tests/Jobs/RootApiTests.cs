using System.Net;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Jobs;

/// <summary>The root API on the seeded home (no test here creates jobs, so bodies are exact), nodes and plugins.</summary>
internal sealed class RootApiTests : JobFixture
{
    [Test]
    public async Task RootApi_TreeJobsNameColor_ExactBody()
    {
        using var client = AdminToken();

        var raw = await client.GetStringAsync("api/json?tree=jobs[name,color]");
        var encoded = await client.GetStringAsync("api/json?tree=jobs%5Bname%2Ccolor%5D");

        const string Expected = """{"_class":"hudson.model.Hudson","jobs":[{"_class":"hudson.model.FreeStyleProject","name":"greet","color":"notbuilt"},{"_class":"hudson.model.FreeStyleProject","name":"hello-world","color":"notbuilt"}]}""";
        Assert.Multiple(() =>
        {
            Assert.That(raw, Is.EqualTo(Expected));
            Assert.That(encoded, Is.EqualTo(Expected));
        });
    }

    [Test]
    public async Task RootApi_Depth0_JobSummaries_Depth1_WholeJobs()
    {
        var shallow = await GetJsonAsync("api/json");
        var deep = await GetJsonAsync("api/json?depth=1");

        var shallowJob = (JObject)shallow["jobs"]![0]!;
        var deepJob = (JObject)deep["jobs"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(shallowJob.Properties().Select(p => p.Name), Is.EqualTo((string[])["_class", "name", "url", "color"]));
            Assert.That(shallowJob["url"]!.ToString(), Is.EqualTo(Url("job/greet/")));
            Assert.That(deepJob["nextBuildNumber"]!.Type, Is.EqualTo(JTokenType.Integer));
            Assert.That(deepJob["builds"], Is.Not.Null);
            Assert.That(deepJob["property"], Is.Not.Null);
            Assert.That(shallow["mode"]!.ToString(), Is.EqualTo("NORMAL"));
            Assert.That((bool)shallow["quietingDown"]!, Is.False);
            Assert.That(shallow["views"]!.Select(v => v["name"]!.ToString()), Is.EqualTo((string[])["all"]));
            Assert.That(shallow["views"]![0]!["url"]!.ToString(), Is.EqualTo(Url(string.Empty)));
            Assert.That(shallow["primaryView"]!["name"]!.ToString(), Is.EqualTo("all"));
        });
    }

    [Test]
    public async Task RootApi_AnotherAddress_LinksFollowTheAddressAsked()
    {
        // Arrange: links are built from the address a request reached (decisions.md #13), and kept between requests
        using var client = AdminToken();
        async Task<JObject> AskedAs(string? host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/json");
            if (host is not null)
            {
                request.Headers.Host = host;
            }

            using var response = await client.SendAsync(request);
            return JObject.Parse(await response.Content.ReadAsStringAsync());
        }

        // Act: the usual address, another, and the usual one again
        var before = await AskedAs(null);
        var other = await AskedAs("jenkins.example:8080");
        var after = await AskedAs(null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before["jobs"]![0]!["url"]!.ToString(), Is.EqualTo(Url("job/greet/")));
            Assert.That(other["jobs"]![0]!["url"]!.ToString(), Is.EqualTo("http://jenkins.example:8080/job/greet/"));
            Assert.That(other["url"]!.ToString(), Is.EqualTo("http://jenkins.example:8080/"));
            Assert.That(after["jobs"]![0]!["url"]!.ToString(), Is.EqualTo(Url("job/greet/")));
            Assert.That(after["url"]!.ToString(), Is.EqualTo(Url(string.Empty)));
        });
    }

    [Test]
    public async Task RootApi_MalformedTreeOrDepth_400()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync("api/json?tree=jobs[name"), Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await StatusAsync("api/json?depth=deep"), Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task RootPage_200Html()
    {
        using var client = AdminToken();

        using var response = await client.GetAsync(string.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("X-Jenkins").Single(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Computers_BuiltInNodeOnline()
    {
        var set = await GetJsonAsync("computer/api/json?depth=0");

        var node = set["computer"]!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(set["_class"]!.ToString(), Is.EqualTo("hudson.model.ComputerSet"));
            Assert.That(node["displayName"]!.ToString(), Is.EqualTo("Built-In Node"));
            Assert.That((bool)node["offline"]!, Is.False);
            Assert.That(node["executors"]!.Count(), Is.EqualTo(2));
        });
    }

    [TestCase("(built-in)")]
    [TestCase("(master)")]
    [TestCase("Built-In%20Node")]
    public async Task Computer_BuiltInUnderItsNames_200(string name)
    {
        var node = await GetJsonAsync($"computer/{name}/api/json?depth=2");

        Assert.That((bool)node["temporarilyOffline"]!, Is.False);
    }

    [Test]
    public async Task Computer_Unknown_404()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync("computer/agent-1/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync("computer/agent-1/api/json", HttpMethod.Head), Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task PluginManager_EmptyList_ExactBody()
    {
        using var client = AdminToken();

        var body = await client.GetStringAsync("pluginManager/api/json?depth=2");

        Assert.That(body, Is.EqualTo("""{"_class":"hudson.LocalPluginManager","plugins":[]}"""));
    }
}
