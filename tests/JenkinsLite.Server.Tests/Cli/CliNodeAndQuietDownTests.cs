using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>
/// offline-node and friends on the built-in node, and quiet-down, over both transports. Every test leaves
/// the node online and the server not quieting down.
/// </summary>
[TestFixture(CliFixture.Http)]
[TestFixture(CliFixture.WebSocket)]
internal sealed class CliNodeAndQuietDownTests(string mode) : CliFixture
{
    // The CLI's own limits: quiet-down -block may wait longer than the fixture's short 2 s idle limit.
    protected override Task<TestServer> StartAsync() => TestServer.StartSeededAsync();

    [TearDown]
    public async Task BackToNormalAsync()
    {
        await CliAsync(mode, "admin", AdminPassword, "cancel-quiet-down");
        await CliAsync(mode, "admin", AdminPassword, "online-node", "");
    }

    [Test]
    public async Task OfflineNode_EmptyName_TakesTheBuiltInNodeOfflineUntilOnlineNode()
    {
        // Act
        var offline = await CliAsync(mode, "admin", AdminPassword, "offline-node", "", "-m", "patching");
        var node = await NodeAsync();
        var online = await CliAsync(mode, "admin", AdminPassword, "online-node", "(built-in)");
        var after = await NodeAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((offline.Code, offline.Err), Is.EqualTo((0, string.Empty)), offline.ToString());
            Assert.That((bool)node["temporarilyOffline"]!, Is.True);
            Assert.That(node["offlineCause"]!["_class"]!.ToString(), Is.EqualTo("hudson.slaves.OfflineCause$ByCLI"));
            Assert.That(node["offlineCause"]!["message"]!.ToString(), Is.EqualTo("patching"));
            Assert.That(node["offlineCauseReason"]!.ToString(), Is.EqualTo("patching"));
            Assert.That(online.Code, Is.Zero, online.ToString());
            Assert.That((bool)after["offline"]!, Is.False);
        });
    }

    [Test]
    public async Task OfflineNode_UnknownAgent_ExitsThree()
    {
        // Act
        var run = await CliAsync(mode, "admin", AdminPassword, "offline-node", "agent7");

        // Assert
        Assert.That((run.Code, run.Err), Is.EqualTo((3, "\nERROR: No such agent \"agent7\" exists.\n")), run.ToString());
    }

    [Test]
    public async Task OfflineNode_KnownAndUnknown_DoesTheKnownThenExitsFive()
    {
        // Act
        var run = await CliAsync(mode, "admin", AdminPassword, "offline-node", "(master)", "agent7");
        var node = await NodeAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(5), run.ToString());
            Assert.That(run.Err, Does.StartWith("agent7: No such agent \"agent7\" exists.\n"));
            Assert.That(run.Err, Does.EndWith("ERROR: Error occured while performing this command, see previous stderr output.\n"));
            Assert.That((bool)node["offline"]!, Is.True);
        });
    }

    [TestCase("get-node")]
    [TestCase("update-node")]
    [TestCase("delete-node")]
    [TestCase("wait-node-online")]
    [TestCase("wait-node-offline")]
    public async Task AgentCommand_BuiltInNode_IsNoSuchNodeAsInJenkins(string command)
    {
        // Act
        var run = await CliAsync(mode, "admin", AdminPassword, command, "(built-in)");

        // Assert
        Assert.That((run.Code, run.Err), Is.EqualTo((3, "\nERROR: No such node '(built-in)'\n")), run.ToString());
    }

    [TestCase("connect-node", "-f")]
    [TestCase("disconnect-node", "-m")]
    public async Task ConnectOrDisconnectNode_BuiltInNode_ChangesNothing(string command, string option)
    {
        // Act
        var run = option == "-m"
            ? await CliAsync(mode, "admin", AdminPassword, command, "", option, "why")
            : await CliAsync(mode, "admin", AdminPassword, command, "", option);
        var node = await NodeAsync();

        // Assert
        Assert.That((run.Code, (bool)node["offline"]!), Is.EqualTo((0, false)), run.ToString());
    }

    [Test]
    public async Task CreateNode_Refused_ExitsFiveSayingWhy()
    {
        // Act
        var run = await CliWithStdinAsync(mode, "admin", AdminPassword, "<slave/>"u8.ToArray(), "create-node", "agent7");

        // Assert
        Assert.That((run.Code, run.Err), Is.EqualTo((5,
            "\nERROR: JenkinsLite runs every build on its built-in node and has no agents: the create-node command is not available.\n")), run.ToString());
    }

    [Test]
    public async Task QuietDown_WithReason_ShowsInTheRootUntilCancelled()
    {
        // Act
        var quiet = await CliAsync(mode, "admin", AdminPassword, "quiet-down", "-reason", "upgrade at noon");
        var during = await RootAsync();
        var cancel = await CliAsync(mode, "admin", AdminPassword, "cancel-quiet-down");
        var after = await RootAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((quiet.Code, cancel.Code), Is.EqualTo((0, 0)), quiet + "\n" + cancel);
            Assert.That(((bool)during["quietingDown"]!, during["quietDownReason"]!.ToString()), Is.EqualTo((true, "upgrade at noon")));
            Assert.That((bool)after["quietingDown"]!, Is.False);
        });
    }

    [Test]
    public async Task QuietDown_Block_ReturnsAtTheTimeoutThenWhenTheBuildEnds()
    {
        // Arrange: a build that runs for a few seconds
        var name = "sleeps-" + mode.TrimStart('-');
        await CreateShellJobAsync(mode, name, "sleep 3");
        var queued = await CliAsync(mode, "admin", AdminPassword, "build", name, "-w");
        Assert.That(queued.Code, Is.Zero, queued.ToString());

        // Act
        var timedOut = await CliAsync(mode, "admin", AdminPassword, "quiet-down", "-block", "-timeout", "300");
        var whileRunning = await BuildAsync(name);
        var blocked = await CliAsync(mode, "admin", AdminPassword, "quiet-down", "-block");
        var afterBlock = await BuildAsync(name);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((timedOut.Code, (bool)whileRunning["building"]!), Is.EqualTo((0, true)), timedOut.ToString());
            Assert.That((blocked.Code, (bool)afterBlock["building"]!), Is.EqualTo((0, false)), blocked.ToString());
        });
    }

    [Test]
    public async Task QuietDown_TimeoutNotANumber_ExitsTwoAndStaysNormal()
    {
        // Act
        var run = await CliAsync(mode, "admin", AdminPassword, "quiet-down", "-timeout", "soon");
        var root = await RootAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(2), run.ToString());
            Assert.That(run.Err, Does.StartWith("\nERROR: \"soon\" is not a valid value for \"-timeout\"\n"));
            Assert.That((bool)root["quietingDown"]!, Is.False);
        });
    }

    private async Task<JObject> NodeAsync()
    {
        using var client = Admin();
        return await JsonAsync(client, "computer/(built-in)/api/json");
    }

    private async Task<JObject> RootAsync()
    {
        using var client = Admin();
        return await JsonAsync(client, "api/json");
    }

    private async Task<JObject> BuildAsync(string job)
    {
        using var client = Admin();
        return await JsonAsync(client, $"job/{job}/lastBuild/api/json");
    }
}
