using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Cli;
using JenkinsLite.Server.Tests.Fixtures;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Security.Ldap;

/// <summary>
/// The LDAP plugin's realm against a real slapd: directory passwords are checked by binding, groups reach
/// the permission matrix, and API tokens of directory users live in their local records.
/// </summary>
[NonParallelizable]
internal sealed partial class LdapRealmTests
{
    private const string AlicePassword = "alice-directory-pw";
    private const string BobPassword = "bob-directory-pw";
    private const string CarolPassword = "carol-directory-pw";

    private static readonly string[] Builder = ["authenticated", "builders"];
    private static readonly string[] SignedInOnly = ["authenticated"];

    private SlapdServer _directory = null!;

    [OneTimeSetUp]
    public async Task StartDirectory() => _directory = await SlapdServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopDirectory() => await _directory.DisposeAsync();

    [Test]
    public async Task BasicPassword_DirectoryUser_SignedInWithTheirGroups()
    {
        // Arrange
        await using var server = await LdapHome.StartAsync(_directory.Url);
        using var alice = server.Client("alice", AlicePassword);
        using var wrong = server.Client("alice", "not-her-password");
        using var stranger = server.Client("mallory", AlicePassword);
        using var empty = server.Client("alice", string.Empty);

        // Act
        var whoAmI = JObject.Parse(await alice.GetStringAsync("whoAmI/api/json"));
        using var refused = await wrong.GetAsync("whoAmI/api/json");
        using var unknown = await stranger.GetAsync("whoAmI/api/json");
        using var unauthenticatedBind = await empty.GetAsync("me/api/json");

        // Assert
        server.RememberSecret(AlicePassword);
        Assert.Multiple(() =>
        {
            Assert.That(whoAmI["name"]?.ToString(), Is.EqualTo("alice"));
            Assert.That(whoAmI["authorities"]!.Select(a => a.ToString()), Is.EquivalentTo(Builder));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(unauthenticatedBind.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), "an empty password is an anonymous bind, never a sign-in");
            Assert.That(File.ReadAllText(HomeKit.UserConfigPath(server.Home, "alice")), Does.Not.Contain("passwordHash"));
        });
        server.AssertNoSecretLeaks();
    }

    [Test]
    public async Task SignInForm_DirectoryPassword_OpensASessionWithTheirGroups()
    {
        // Arrange
        await using var server = await LdapHome.StartAsync(_directory.Url);
        using var browser = server.Client(cookies: true);
        var crumb = CrumbField().Match(await browser.GetStringAsync("login")).Groups[1].Value;

        // Act
        using var signIn = await browser.PostAsync("j_spring_security_check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["j_username"] = "alice", ["j_password"] = AlicePassword, ["Jenkins-Crumb"] = crumb,
        }));
        var whoAmI = JObject.Parse(await browser.GetStringAsync("whoAmI/api/json"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(signIn.Headers.Location?.ToString(), Is.EqualTo("/"));
            Assert.That(whoAmI["name"]?.ToString(), Is.EqualTo("alice"));
            Assert.That(whoAmI["authorities"]!.Select(a => a.ToString()), Does.Contain("builders"));
        });
    }

    [Test]
    public async Task ApiToken_DirectoryUser_WorksOverHttpAndIsStoredLocally()
    {
        // Arrange
        await using var server = await LdapHome.StartAsync(_directory.Url);
        var (token, _) = await server.GenerateTokenAsync("alice", AlicePassword, "script");
        using var script = server.Client("alice", token);

        // Act
        var whoAmI = JObject.Parse(await script.GetStringAsync("whoAmI/api/json"));

        // Assert
        server.RememberSecret(AlicePassword);
        Assert.Multiple(() =>
        {
            Assert.That(whoAmI["name"]?.ToString(), Is.EqualTo("alice"));
            Assert.That(whoAmI["authorities"]!.Select(a => a.ToString()), Does.Contain("builders"));
            Assert.That(File.ReadAllText(HomeKit.UserConfigPath(server.Home, "alice")), Does.Contain("<name>script</name>"));
        });
        server.AssertNoSecretLeaks();
    }

    [Test]
    public async Task ApiToken_DirectoryUser_WorksThroughPythonJenkinsAndTheCli()
    {
        // Arrange
        await using var server = await LdapHome.StartAsync(_directory.Url);
        var (token, _) = await server.GenerateTokenAsync("bob", BobPassword, "scripts");
        var url = server.BaseUri.ToString().TrimEnd('/');

        // Act
        var python = await RunAsync("/usr/bin/python3", "-c", string.Join('\n',
            "import sys, jenkins",
            "server = jenkins.Jenkins(sys.argv[1], username=sys.argv[2], password=sys.argv[3])",
            "print('whoami', server.get_whoami()['id'])",
            "server.build_job('demo')",
            "print('built')"), url, "bob", token);
        var cli = await CliRun.RunAsync(["-s", url, "-http", "who-am-i"],
            environment: new Dictionary<string, string> { ["JENKINS_USER_ID"] = "bob", ["JENKINS_API_TOKEN"] = token });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(python.ExitCode, Is.Zero, python.Output);
            Assert.That(python.Output, Does.Contain("whoami bob").And.Contain("built"));
            Assert.That(cli.Code, Is.Zero, cli.ToString());
            Assert.That(cli.Out, Does.Contain("Authenticated as: bob").And.Contain("builders"));
        });
        server.AssertNoSecretLeaks();
    }

    [Test]
    public async Task RealmSwitch_FromOwnDatabase_SameIdKeepsTokens_UnknownUsersReportedNotDeleted()
    {
        // Arrange: tokens made under Jenkins' own user database
        await using var server = await TestServer.StartWithConfigAsync(TestServer.MatrixConfig());
        var users = server.Probe.Users;
        users.CreateUser("alice", "local-password-1", null);
        users.CreateUser("dave", "local-password-2", null);
        var aliceToken = users.GenerateToken("alice", "kept", null).Token!.PlainValue;
        var daveToken = users.GenerateToken("dave", "orphan", null).Token!.PlainValue;
        server.RememberSecret(aliceToken);
        server.RememberSecret(daveToken);
        await server.StopAsync();

        // Act: the same home, now signing in through the directory
        LdapHome.WriteConfig(server.Home, _directory.Url, extraGrants: "USER:hudson.model.Hudson.Administer:alice");
        await server.RestartAsync();
        using var alice = server.Client("alice", aliceToken);
        using var dave = server.Client("dave", daveToken);
        var whoAmI = JObject.Parse(await alice.GetStringAsync("whoAmI/api/json"));
        using var refused = await dave.GetAsync("whoAmI/api/json");
        var report = await alice.GetStringAsync("manage/directoryUsers/");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(whoAmI["authorities"]!.Select(a => a.ToString()), Is.EquivalentTo(Builder), "the directory's groups for the same id");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(report, Does.Contain("<td>dave</td>").And.Not.Contain("<td>alice</td>"));
            Assert.That(File.ReadAllText(HomeKit.UserConfigPath(server.Home, "dave")), Does.Contain("<name>orphan</name>"), "reported, never deleted");
        });
        server.AssertNoSecretLeaks();
    }

    [Test]
    public async Task Build_GroupGrantedJobBuild_BuildsAndAnotherGroupIsRefused()
    {
        // Arrange
        await using var server = await LdapHome.StartAsync(_directory.Url);
        var (bobToken, _) = await server.GenerateTokenAsync("bob", BobPassword);
        var (carolToken, _) = await server.GenerateTokenAsync("carol", CarolPassword);
        using var bob = server.Client("bob", bobToken);
        using var carol = server.Client("carol", carolToken);

        // Act
        using var built = await bob.PostAsync("job/demo/build?delay=0sec", null);
        using var refused = await carol.PostAsync("job/demo/build?delay=0sec", null);
        var carolCanRead = await carol.GetAsync("job/demo/api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(built.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(carolCanRead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task MemberOfStrategy_GroupsFromTheUserEntry_AndARemovedMemberLosesTheGroupWithinTheWindow()
    {
        // Arrange
        await using var server = await LdapHome.StartAsync(_directory.Url, LdapHome.FromMemberOf, cacheSeconds: 1);
        var (token, _) = await server.GenerateTokenAsync("bob", BobPassword);
        using var bob = server.Client("bob", token);
        var before = JObject.Parse(await bob.GetStringAsync("whoAmI/api/json"));

        // Act
        await _directory.ModifyAsync("""
            dn: cn=builders,ou=groups,dc=example,dc=org
            changetype: modify
            delete: member
            member: uid=bob,ou=people,dc=example,dc=org
            """);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var after = JObject.Parse(await bob.GetStringAsync("whoAmI/api/json"));
            using var refused = await bob.PostAsync("job/demo/build?delay=0sec", null);

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(before["authorities"]!.Select(a => a.ToString()), Is.EquivalentTo(Builder));
                Assert.That(after["authorities"]!.Select(a => a.ToString()), Is.EquivalentTo(SignedInOnly));
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            });
        }
        finally
        {
            await _directory.ModifyAsync("""
                dn: cn=builders,ou=groups,dc=example,dc=org
                changetype: modify
                add: member
                member: uid=bob,ou=people,dc=example,dc=org
                """);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    [GeneratedRegex("name=\"Jenkins-Crumb\" value=\"([^\"]+)\"")]
    private static partial Regex CrumbField();
}
