using System.Net;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Nodes;

/// <summary>
/// The two ways to stop builds from starting, over HTTP: quiet-down on the root object and taking the
/// built-in node offline. Each test leaves the server online and not quieting down.
/// </summary>
internal sealed class QuietDownAndOfflineTests : ServerFixture
{
    private string _token = null!;

    [OneTimeSetUp]
    public async Task CreateTokenAsync() => (_token, _) = await GenerateTokenAsync("admin", AdminPassword);

    [TearDown]
    public async Task BackToNormalAsync()
    {
        using var admin = TokenClient();

        using var cancel = await admin.PostAsync("cancelQuietDown", null);
        var node = await JsonAsync(admin, "computer/(built-in)/api/json");
        if ((bool)node["offline"]!)
        {
            using var online = await admin.PostAsync("computer/(built-in)/toggleOffline", null);
        }
    }

    // A fresh client each time: a restart moves the server to another port.
    private HttpClient TokenClient() => Server.Client("admin", _token);

    protected override Task<TestServer> StartAsync() => BuildKit.StartWithJobsAsync(new Dictionary<string, string>
    {
        ["sleepy"] = BuildKit.Freestyle("sleep 3"),
    });

    [Test]
    public async Task QuietDown_HoldsNewBuildsUntilCancelled()
    {
        // Arrange
        using var admin = TokenClient();
        using var quiet = await admin.PostAsync("quietDown?message=patching%20the%20host", null);
        var root = await JsonAsync(admin, "api/json");
        var dashboard = await admin.GetStringAsync("");

        // Act
        var id = await BuildKit.TriggerAsync(admin, "job/hello-world/build?delay=0sec");
        await Task.Delay(500);
        var held = await JsonAsync(admin, $"queue/item/{id}/api/json");
        using var cancel = await admin.PostAsync("cancelQuietDown", null);
        var left = await BuildKit.LeftItemAsync(admin, id);
        var after = await JsonAsync(admin, "api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)quiet.StatusCode, Is.EqualTo(302));
            Assert.That(quiet.Headers.Location?.ToString(), Is.EqualTo(Server.BaseUri.ToString()));
            Assert.That((bool)root["quietingDown"]!, Is.True);
            Assert.That(root["quietDownReason"]!.ToString(), Is.EqualTo("patching the host"));
            Assert.That(dashboard, Does.Contain("Jenkins is going to shut down: patching the host"));
            Assert.That(held["_class"]!.ToString(), Is.EqualTo("hudson.model.Queue$BlockedItem"));
            Assert.That(held["why"]!.ToString(), Is.EqualTo("Jenkins is about to shut down"));
            Assert.That((int)cancel.StatusCode, Is.EqualTo(302));
            Assert.That(left["executable"]!["number"]!.Type, Is.EqualTo(JTokenType.Integer));
            Assert.That((bool)after["quietingDown"]!, Is.False);
            Assert.That(after["quietDownReason"]!.Type, Is.EqualTo(JTokenType.Null));
        });
    }

    [Test]
    public async Task QuietDown_Block_AnswersOnceTheRunningBuildHasFinished()
    {
        // Arrange
        using var admin = TokenClient();
        var build = await BuildKit.StartedBuildAsync(admin, "job/sleepy/build?delay=0sec");

        var node = await JsonAsync(admin, "computer/(built-in)/api/json");
        var nodes = await JsonAsync(admin, "computer/api/json");

        // Act
        using var timedOut = await admin.PostAsync("quietDown?block=true&timeout=300", null);
        var whileRunning = await JsonAsync(admin, build + "api/json");
        using var blocked = await admin.PostAsync("quietDown?block=true", null);
        var afterBlock = await JsonAsync(admin, build + "api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(((int)timedOut.StatusCode, (bool)whileRunning["building"]!), Is.EqualTo((302, true)));
            Assert.That(((int)blocked.StatusCode, (bool)afterBlock["building"]!), Is.EqualTo((302, false)));
            var busy = node["executors"]!.Single(e => !(bool)e["idle"]!);
            Assert.That(busy["currentExecutable"]!["url"]!.ToString(), Is.EqualTo(Server.BaseUri + build), "the executor running it shows it");
            Assert.That((int)nodes["busyExecutors"]!, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task QuietDown_Get_IsRefusedWith405()
    {
        // Act
        using var admin = TokenClient();
        using var response = await admin.GetAsync("quietDown");
        var root = await JsonAsync(admin, "api/json");

        // Assert
        Assert.That((response.StatusCode, (bool)root["quietingDown"]!), Is.EqualTo((HttpStatusCode.MethodNotAllowed, false)));
    }

    [Test]
    public async Task ToggleOffline_HoldsBuildsSurvivesRestartAndTogglesBack()
    {
        // Arrange
        using var admin = TokenClient();
        using var offline = await admin.PostAsync("computer/(built-in)/toggleOffline?offlineMessage=disk%20full", null);
        var node = await JsonAsync(admin, "computer/(built-in)/api/json");
        var nodes = await JsonAsync(admin, "computer/api/json");
        var id = await BuildKit.TriggerAsync(admin, "job/hello-world/build?delay=0sec");
        await Task.Delay(500);
        var held = await JsonAsync(admin, $"queue/item/{id}/api/json");
        var stored = await File.ReadAllTextAsync(Path.Combine(Server.Home, "config.xml"));
        var nodeUrl = Server.BaseUri + "computer/(built-in)/";
        var nodePage = await admin.GetStringAsync("computer/(built-in)/");

        // Act
        await Server.RestartAsync();
        using var client = TokenClient();
        var afterRestart = await JsonAsync(client, "computer/(built-in)/api/json");
        using var online = await client.PostAsync("computer/(built-in)/toggleOffline", null);
        var left = await BuildKit.LeftItemAsync(client, id);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That((int)offline.StatusCode, Is.EqualTo(302));
            Assert.That(offline.Headers.Location?.ToString(), Is.EqualTo(nodeUrl));
            Assert.That(nodePage, Does.Contain("Built-In Node is offline: Disconnected by admin : disk full").And.Contain("Bring this node back online"));
            Assert.That((bool)node["offline"]!, Is.True);
            Assert.That((bool)node["temporarilyOffline"]!, Is.True);
            Assert.That(node["offlineCauseReason"]!.ToString(), Is.EqualTo("disk full"));
            Assert.That(node["offlineCause"]!["_class"]!.ToString(), Is.EqualTo("hudson.slaves.OfflineCause$UserCause"));
            Assert.That(node["offlineCause"]!["description"]!.ToString(), Is.EqualTo("Disconnected by admin : disk full"));
            Assert.That((int)nodes["totalExecutors"]!, Is.Zero);
            Assert.That(held["why"]!.ToString(), Is.EqualTo("‘Built-In Node’ is offline"));
            Assert.That(stored, Does.Contain("<temporaryOfflineCause class=\"hudson.slaves.OfflineCause$UserCause\">"));
            Assert.That((bool)afterRestart["offline"]!, Is.True, "the offline state is kept in config.xml");
            Assert.That((int)online.StatusCode, Is.EqualTo(302));
            Assert.That(left["executable"]!["number"]!.Type, Is.EqualTo(JTokenType.Integer));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(Server.Home, "config.xml")), Does.Not.Contain("temporaryOfflineCause"));
        });
    }

    [Test]
    public async Task ChangeOfflineCause_FormMessage_EscapedInTheReason()
    {
        // Act
        using var admin = TokenClient();
        using var response = await PostAsync(admin, "computer/(master)/changeOfflineCause", ("offlineMessage", "  a <b>  c  "));
        var node = await JsonAsync(admin, "computer/(built-in)/api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo(Server.BaseUri + "computer/(master)/"));
            Assert.That(node["offlineCauseReason"]!.ToString(), Is.EqualTo("a &lt;b&gt;&nbsp; c"));
        });
    }

    [TestCase("computer/agent7/toggleOffline")]
    [TestCase("computer/agent7/changeOfflineCause")]
    [TestCase("computer/agent7/doDisconnect")]
    public async Task NodeActions_UnknownNode_404(string url)
    {
        // Act
        using var admin = TokenClient();
        using var response = await admin.PostAsync(url, null);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task DoDisconnect_BuiltInNode_RedirectsAndStaysOnline()
    {
        // Act
        using var admin = TokenClient();
        using var response = await admin.PostAsync("computer/(built-in)/doDisconnect?offlineMessage=x", null);
        var node = await JsonAsync(admin, "computer/(built-in)/api/json");

        // Assert
        Assert.That(((int)response.StatusCode, (bool)node["offline"]!), Is.EqualTo((302, false)));
    }
}
