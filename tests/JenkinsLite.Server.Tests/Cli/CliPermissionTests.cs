using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>CLI commands check the same permissions as their HTTP twins (security.md SEC-47), on a matrix home.</summary>
internal sealed class CliPermissionTests : CliFixture
{
    private static readonly string MatrixConfig = TestServer.MatrixConfig();

    private string _aliceToken = null!;

    [OneTimeSetUp]
    public async Task CreateAliceAsync()
    {
        await CreateUserAsync("alice", "alice-password-3");
        (_aliceToken, _) = await GenerateTokenAsync("alice", "alice-password-3", "alice-cli");
    }

    [TestCase("list-api-tokens", "admin")]
    [TestCase("revoke-api-token", "x", "--user", "admin")]
    [TestCase("legacy-api-token-report")]
    [TestCase("revoke-legacy-api-tokens")]
    [TestCase("reload-configuration")]
    [TestCase("shutdown")]
    public async Task AdminCommand_AsReader_ExitsSixNamingThePermission(params string[] command)
    {
        // Act
        var run = await CliAsync(Http, "alice", _aliceToken, command);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(6), run.ToString());
            Assert.That(run.Err, Is.EqualTo("\nERROR: alice is missing the Overall/Administer permission\n"));
        });
    }

    [TestCase("Overall/Manage", "quiet-down")]
    [TestCase("Overall/Manage", "cancel-quiet-down")]
    [TestCase("Agent/Disconnect", "offline-node", "")]
    [TestCase("Agent/Disconnect", "disconnect-node", "(built-in)")]
    [TestCase("Agent/Connect", "online-node", "")]
    [TestCase("Agent/Connect", "connect-node", "(master)")]
    public async Task NodeOrQuietDownCommand_AsReader_ExitsSixNamingThePermission(string permission, params string[] command)
    {
        // Act
        var run = await CliAsync(WebSocket, "alice", _aliceToken, command);

        // Assert
        Assert.That((run.Code, run.Err), Is.EqualTo((6, $"\nERROR: alice is missing the {permission} permission\n")), run.ToString());
    }

    [Test]
    public async Task ListApiTokens_OwnTokens_IsAllowed()
    {
        var run = await CliAsync(WebSocket, "alice", _aliceToken, "list-api-tokens");
        Assert.That(run.Out, Does.StartWith("alice-cli\t"), run.ToString());
    }

    [Test]
    public async Task Help_AnonymousWithoutRead_ExitsSixAskingToAuthenticate()
    {
        var run = await CliAsync(WebSocket, null, null, "help");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(6), run.ToString());
            Assert.That(run.Err, Does.Contain("ERROR: You must authenticate to access this Jenkins."));
        });
    }

    [Test]
    public async Task Help_Reader_ListsCommandsOnStderr()
    {
        var run = await CliAsync(Http, "alice", _aliceToken, "help");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.Zero, run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Err, Does.Contain("  who-am-i\n    Reports your credential and permissions.\n"));
        });
    }

    protected override Task<TestServer> StartAsync() => TestServer.StartWithConfigAsync(MatrixConfig);
}
