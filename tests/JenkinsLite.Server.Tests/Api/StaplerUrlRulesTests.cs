using System.Net;
using System.Text;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Jobs;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Api;

/// <summary>
/// The URL rules of Jenkins' Stapler that real clients rely on: what follows an action is ignored, <c>api/*</c>
/// answers POST as GET, <c>tree=</c> reaches hidden exports, and job URLs nest to any folder depth.
/// </summary>
internal sealed class StaplerUrlRulesTests : JobFixture
{
    private const string Job = "stapler";

    [OneTimeSetUp]
    public async Task CreateJobWithTwoBuildsAsync()
    {
        await CreateAsync($"createItem?name={Job}", FreeStyle);
        using var client = AdminToken();
        for (var i = 0; i < 2; i++)
        {
            await BuildKit.BuildAsync(client, $"job/{Job}/build?delay=0sec");
        }
    }

    [Test]
    public async Task CreateItem_WithApiJsonAfterIt_CreatesTheItem()
    {
        using var client = AdminToken();

        using var response = await PostXmlAsync(client, "createItem/api/json?name=after-action", FreeStyle);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await StatusAsync("job/after-action/api/json"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ConfigXml_WithApiJsonAfterIt_ReadsAndWritesTheConfig()
    {
        await CreateAsync("createItem?name=config-tail", FreeStyle);
        using var client = AdminToken();

        var read = await GetTextAsync("job/config-tail/config.xml/api/json");
        var direct = await GetTextAsync("job/config-tail/config.xml");
        using var write = await PostXmlAsync(client, "job/config-tail/config.xml/api/json", FreeStyle.Replace("made by a test", "changed through a tail", StringComparison.Ordinal));

        Assert.That(read, Is.EqualTo(direct).And.Contain("made by a test"));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.OK), await write.Content.ReadAsStringAsync());
        Assert.That((await GetJsonAsync("job/config-tail/api/json"))["description"]!.ToString(), Is.EqualTo("changed through a tail"));
    }

    [Test]
    public async Task Build_WithApiJsonAfterIt_QueuesABuild()
    {
        using var client = AdminToken();

        using var response = await client.PostAsync($"job/{Job}/build/api/json?delay=3600sec", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.AbsolutePath;
        using var cancel = await client.PostAsync("queue/cancelItem?id=" + location.TrimEnd('/').Split('/')[^1], null);
    }

    [Test]
    public async Task ConsoleText_WithApiJsonAfterIt_IsTheConsole()
    {
        var tail = await GetTextAsync($"job/{Job}/1/consoleText/api/json");

        Assert.That(tail, Is.EqualTo(await GetTextAsync($"job/{Job}/1/consoleText")).And.Contain("hi"));
    }

    [Test]
    public async Task DoDelete_WithApiJsonAfterIt_DeletesTheJob()
    {
        await CreateAsync("createItem?name=delete-tail", FreeStyle);
        using var client = AdminToken();

        using var response = await PostEmptyAsync(client, "job/delete-tail/doDelete/api/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(await StatusAsync("job/delete-tail/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("api/json")]
    [TestCase("lastSuccessfulBuild/api/json")]
    [TestCase("2/api/json")]
    public async Task Api_Post_AnswersAsGet(string path)
    {
        using var client = AdminToken();

        using var post = await client.PostAsync($"job/{Job}/{path}", null);
        var get = await GetJsonAsync($"job/{Job}/{path}");

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK), await post.Content.ReadAsStringAsync());
        Assert.That(JObject.Parse(await post.Content.ReadAsStringAsync())["url"], Is.EqualTo(get["url"]));
    }

    [TestCase("api/json")]
    [TestCase("computer/api/json")]
    [TestCase("queue/api/xml")]
    [TestCase("view/all/api/python")]
    public async Task Api_PostOutsideJobs_AnswersAsGet(string path)
    {
        using var client = AdminToken();

        using var post = await client.PostAsync(path, null);
        using var get = await client.GetAsync(path);

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK), await post.Content.ReadAsStringAsync());
        Assert.That(post.Content.Headers.ContentType, Is.EqualTo(get.Content.Headers.ContentType));
    }

    [Test]
    public async Task Tree_NamingAllBuilds_ListsEveryBuild_WhichIsHiddenOtherwise()
    {
        var tree = await GetJsonAsync($"job/{Job}/api/json?tree=allBuilds[number,result]");
        var plain = await GetJsonAsync($"job/{Job}/api/json");

        Assert.That(string.Join(", ", tree["allBuilds"]!.Select(b => $"{b["number"]} {b["result"]}")), Is.EqualTo("2 SUCCESS, 1 SUCCESS"), tree.ToString());
        Assert.That(plain.ContainsKey("allBuilds"), Is.False);
    }

    [Test]
    public async Task ConsolePage_ByPermalink_AnswersAsByNumber()
    {
        using var client = AdminToken();

        using var byPermalink = await client.GetAsync($"job/{Job}/lastBuild/console");
        using var byNumber = await client.GetAsync($"job/{Job}/2/console");

        Assert.That(byPermalink.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(byNumber.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await byPermalink.Content.ReadAsStringAsync(), Does.Contain($"{Job} #2"));
    }

    [Test]
    public async Task Folders_TwelveLevelsDeep_JobAndBuildUrlsWork()
    {
        var path = new StringBuilder();
        for (var level = 1; level <= 12; level++)
        {
            await CreateAsync($"{path}createItem?name=f{level}", Folder);
            path.Append($"job/f{level}/");
        }

        await CreateAsync($"{path}createItem?name=deep", FreeStyle);
        var job = $"{path}job/deep/";
        using var client = AdminToken();

        var (buildPath, build) = await BuildKit.BuildAsync(client, job + "build?delay=0sec");
        var api = await GetJsonAsync(job + "api/json");

        Assert.That(api["fullName"]!.ToString(), Is.EqualTo(string.Join('/', Enumerable.Range(1, 12).Select(i => $"f{i}")) + "/deep"));
        Assert.That(buildPath, Is.EqualTo(job + "1/"));
        Assert.That(build["result"]!.ToString(), Is.EqualTo("SUCCESS"));
        Assert.That(await GetTextAsync(job + "lastBuild/consoleText"), Does.Contain("hi"));
    }

    [TestCase("nothing-here")]
    [TestCase("1/nothing-here")]
    [TestCase("99/api/json")]
    public async Task UnknownActionOrBuild_Is404(string path) =>
        Assert.That(await StatusAsync($"job/{Job}/{path}"), Is.EqualTo(HttpStatusCode.NotFound));
}
