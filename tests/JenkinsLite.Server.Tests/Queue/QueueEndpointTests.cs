using System.Net;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Queue;

/// <summary>The queue over HTTP: waiting items, cancelling by both URLs, and what unknown ids get.</summary>
internal sealed class QueueEndpointTests : ServerFixture
{
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task TokenClientAsync()
    {
        var (token, _) = await GenerateTokenAsync("admin", AdminPassword);
        _admin = Server.Client("admin", token);
    }

    [OneTimeTearDown]
    public void DisposeClient() => _admin.Dispose();

    protected override Task<TestServer> StartAsync() => BuildKit.StartWithJobsAsync(new Dictionary<string, string>());

    [Test]
    public async Task QueueItem_InQuietPeriod_IsWaitingWithoutExecutable()
    {
        // Arrange
        var id = await BuildKit.TriggerAsync(_admin, "job/greet/buildWithParameters?delay=60sec&NAME=Q");

        // Act
        var item = await JsonAsync(_admin, $"queue/item/{id}/api/json");
        var queue = await JsonAsync(_admin, "queue/api/json");
        using var page = await _admin.GetAsync($"queue/item/{id}/");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(item["_class"]!.ToString(), Is.EqualTo("hudson.model.Queue$WaitingItem"));
            Assert.That(item.ContainsKey("executable"), Is.False);
            Assert.That(item["why"]!.ToString(), Does.StartWith("In the quiet period."));
            Assert.That(item["params"]!.ToString(), Is.EqualTo("\nNAME=Q\nGREETING=Hello\nSHOUT=false"));
            Assert.That(item["task"]!["name"]!.ToString(), Is.EqualTo("greet"));
            Assert.That(item["task"]!["url"]!.ToString(), Is.EqualTo(Server.BaseUri + "job/greet/"));
            Assert.That(item["url"]!.ToString(), Is.EqualTo($"queue/item/{id}/"));
            Assert.That(queue["_class"]!.ToString(), Is.EqualTo("hudson.model.Queue"));
            Assert.That(queue["items"]!.Select(i => (long)i["id"]!), Does.Contain(id));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task CancelItem_WaitingItem_Is204AndLeavesCancelled()
    {
        // Arrange
        var id = await BuildKit.TriggerAsync(_admin, "job/hello-world/build?delay=60sec");

        // Act
        using var response = await _admin.PostAsync($"queue/cancelItem?id={id}", null);
        var item = await JsonAsync(_admin, $"queue/item/{id}/api/json");
        using var again = await _admin.PostAsync($"queue/cancelItem?id={id}", null);
        var (_, next) = await BuildKit.BuildAsync(_admin, "job/hello-world/build");

        // Assert: no other test of this fixture builds hello-world; cancelled items take no number
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(item["_class"]!.ToString(), Is.EqualTo("hudson.model.Queue$LeftItem"));
            Assert.That((bool)item["cancelled"]!, Is.True);
            Assert.That(item["executable"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That((int)again.StatusCode, Is.EqualTo(422));
            Assert.That((int)next["number"]!, Is.EqualTo(1), "a cancelled item uses no number");
        });
    }

    [Test]
    public async Task CancelQueue_ItemUrl_Is204()
    {
        // Arrange
        var id = await BuildKit.TriggerAsync(_admin, "job/hello-world/build?delay=60sec");

        // Act
        using var response = await _admin.PostAsync($"queue/item/{id}/cancelQueue", null);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((bool)(await JsonAsync(_admin, $"queue/item/{id}/api/json"))["cancelled"]!, Is.True);
    }

    [TestCase("queue/item/999999/api/json")]
    [TestCase("queue/item/abc/api/json")]
    public async Task QueueItem_Unknown_Is404(string path)
    {
        // Act
        using var response = await _admin.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task CancelItem_UnknownOrGet_Is404Or405()
    {
        // Act
        using var unknown = await _admin.PostAsync("queue/cancelItem?id=999999", null);
        using var get = await _admin.GetAsync("queue/cancelItem?id=1");

        // Assert
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task Build_TwoItemsOfOneJob_SecondIsBlockedUntilFirstEnds()
    {
        // Act
        var first = await BuildKit.TriggerAsync(_admin, "job/greet/buildWithParameters?NAME=one");
        var second = await BuildKit.TriggerAsync(_admin, "job/greet/buildWithParameters?NAME=two");
        var a = await BuildKit.LeftItemAsync(_admin, first);
        var b = await BuildKit.LeftItemAsync(_admin, second);

        // Assert
        Assert.That((int)b["executable"]!["number"]!, Is.EqualTo((int)a["executable"]!["number"]! + 1));
    }
}
