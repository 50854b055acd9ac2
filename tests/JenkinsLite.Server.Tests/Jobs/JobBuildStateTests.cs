using System.Net;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Jobs;

/// <summary>The job JSON's build fields as the builds feature reports them: color, permalinks, rename while building.</summary>
internal sealed class JobBuildStateTests : JobFixture
{
    private const string Slow = """
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <disabled>false</disabled>
          <builders><hudson.tasks.Shell><command>sleep 3</command></hudson.tasks.Shell></builders>
        </project>
        """;

    private const string Failing = """
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <disabled>false</disabled>
          <builders><hudson.tasks.Shell><command>exit 1</command></hudson.tasks.Shell></builders>
        </project>
        """;

    [Test]
    public async Task Build_WhileRunningAnimeAndRenameRefused_ThenBlueWithPermalinks()
    {
        // Arrange
        await CreateAsync("createItem?name=slow", Slow);
        using var client = AdminToken();

        // Act
        using var build = await PostEmptyAsync(client, "job/slow/build");
        var running = await WaitForAsync("job/slow/api/json", j => j["color"]!.ToString() == "notbuilt_anime");
        using var rename = await PostEmptyAsync(client, "job/slow/doRename?newName=renamed-slow");
        var done = await WaitForAsync("job/slow/api/json?depth=1", j => j["color"]!.ToString() == "blue");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(build.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(running["lastBuild"]!["number"]!.Value<int>(), Is.EqualTo(1));
            Assert.That(running["healthReport"], Is.Empty, "nothing to report while the first build runs");
            Assert.That(rename.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(done["lastSuccessfulBuild"]!["number"]!.Value<int>(), Is.EqualTo(1));
            Assert.That(done["lastStableBuild"]!["number"]!.Value<int>(), Is.EqualTo(1));
            Assert.That(done["firstBuild"]!["number"]!.Value<int>(), Is.EqualTo(1));
            Assert.That(done["lastFailedBuild"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That(done["builds"]![0]!["result"]!.ToString(), Is.EqualTo("SUCCESS"));
            Assert.That(done["nextBuildNumber"]!.Value<int>(), Is.EqualTo(2));
            Assert.That(done["healthReport"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
                """[{"description":"Build stability: No recent builds failed.","iconClassName":"icon-health-80plus","iconUrl":"health-80plus.png","score":100}]"""));
            Assert.That(done["builds"]![0]!["estimatedDuration"]!.Value<long>(), Is.EqualTo(done["builds"]![0]!["duration"]!.Value<long>()).And.GreaterThan(2900),
                "one successful build: the estimate is its duration");
        });
    }

    [Test]
    public async Task RootApi_JobColour_FollowsItsBuilds()
    {
        // Arrange: the job listed once before its build, so its summary has been written
        await CreateAsync("createItem?name=listed-slow", Slow);
        using var client = AdminToken();
        static string ColourOfListed(JObject root) => root["jobs"]!.Single(j => j["name"]!.ToString() == "listed-slow")["color"]!.ToString();
        var before = await GetJsonAsync("api/json");

        // Act
        using var build = await PostEmptyAsync(client, "job/listed-slow/build");
        var running = await WaitForAsync("api/json", j => ColourOfListed(j) == "notbuilt_anime");
        var done = await WaitForAsync("api/json", j => ColourOfListed(j) == "blue");

        // Assert: the wait for each colour fails the test if the list kept an older one
        Assert.Multiple(() =>
        {
            Assert.That(ColourOfListed(before), Is.EqualTo("notbuilt"));
            Assert.That(build.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(done["jobs"]!.Single(j => j["name"]!.ToString() == "listed-slow")["url"]!.ToString(), Is.EqualTo(Url("job/listed-slow/")));
            Assert.That(running["jobs"]!.Count(), Is.EqualTo(done["jobs"]!.Count()));
        });
    }

    [Test]
    public async Task Build_Failing_RedAndRenameMovesTheHistory()
    {
        // Arrange
        await CreateAsync("createItem?name=failing", Failing);
        using var client = AdminToken();

        // Act
        using var build = await PostEmptyAsync(client, "job/failing/build");
        var done = await WaitForAsync("job/failing/api/json", j => j["color"]!.ToString() == "red");
        using var rename = await PostEmptyAsync(client, "job/failing/doRename?newName=still-failing");
        var renamed = await GetJsonAsync("job/still-failing/api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(done["lastUnsuccessfulBuild"]!["number"]!.Value<int>(), Is.EqualTo(1));
            Assert.That(done["healthReport"]![0]!["description"]!.ToString(), Is.EqualTo("Build stability: All recent builds failed."));
            Assert.That((done["healthReport"]![0]!["score"]!.Value<int>(), done["healthReport"]![0]!["iconClassName"]!.ToString()), Is.EqualTo((0, "icon-health-00to19")));
            Assert.That((int)rename.StatusCode, Is.EqualTo(302));
            Assert.That(renamed["color"]!.ToString(), Is.EqualTo("red"));
            Assert.That(renamed["lastFailedBuild"]!["url"]!.ToString(), Is.EqualTo(Url("job/still-failing/1/")));
        });
    }

    [Test]
    public async Task CopyOfBuiltJob_NumberingRestartsAtOne()
    {
        await CreateAsync("createItem?name=numbered", Failing);
        using var client = AdminToken();
        using var build = await PostEmptyAsync(client, "job/numbered/build");
        await WaitForAsync("job/numbered/api/json", j => j["color"]!.ToString() == "red");

        using var copy = await client.PostAsync("createItem?name=numbered-copy&mode=copy&from=numbered", null);
        var copied = await GetJsonAsync("job/numbered-copy/api/json");

        Assert.Multiple(() =>
        {
            Assert.That((int)copy.StatusCode, Is.EqualTo(302));
            Assert.That(copied["nextBuildNumber"]!.Value<int>(), Is.EqualTo(1));
            Assert.That(copied["color"]!.ToString(), Is.EqualTo("notbuilt"));
            Assert.That(copied["builds"], Is.Empty);
        });
    }

    private async Task<JObject> WaitForAsync(string url, Func<JObject, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JObject last;
        do
        {
            last = await GetJsonAsync(url);
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{url} never matched; last: {last}");
        return last;
    }
}
