using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using V3 = JenkinsLite.Tests.Shared.ComposedV3Home;

namespace JenkinsLite.Server.Tests.Fixtures;

/// <summary>
/// Each home of shared/fixtures/jenkins (api-tokens.md 5.1) and the composed V3 home (3.2 + 5.3) loaded by a
/// real server: the credentials Jenkins accepts there, and what JenkinsLite writes back. One fresh home per test.
/// The fixtures' own gold values are not remembered as secrets: they are in the fixture files by design.
/// </summary>
internal sealed class JenkinsFixtureHomeTests
{
    private const string F1 = "ApiTokenPropertyTest/migrationFromLegacyToken";
    private const string F1Legacy = "7be8e81ad5a350fa3f3e2acfae4adb14";
    private const string F1RawApiToken = "{AQAAABAAAAAw8AvXsxxE6Jt2K50IPhDDvyjHHZfrrz/K3IO5tSscMI4fdCYyHD6VPs2Qk1X0mT5IGM5eAD7k82zGokZJuMGpgw==}";

    private const string F2 = "HudsonPrivateSecurityRealmFIPSTest/userLoginAfterEnablingFIPS";
    private const string F3 = "ComputerTest/removeUserDetailsFromOfflineCause";
    private const string F3Legacy = "38f15cf43a3ba7b5ecdbd4514a43d3ea";
    private const string F3RawApiToken = "qykj8q6EqvMg9LPu+lCqLiXBZvEVdCTWoYJwmicXgH+yh1ZUm85iHe29grd+g3QG";
    private const string F4 = "UserIdMigratorTest/emptyUsernameConfigScanned";
    private const string F4Legacy = "59fad5a978d6651cc38ce251242719bb";
    private const string F5 = "UserTest/differentUserIdInConfigFileIsIgnored";

    // The UserTest fixture ran under JenkinsRule's default "anyone can do anything"; it has no config.xml of its own.
    private const string UnsecuredConfig = """
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson>
          <useSecurity>true</useSecurity>
          <authorizationStrategy class="hudson.security.AuthorizationStrategy$Unsecured"/>
          <securityRealm class="hudson.security.HudsonPrivateSecurityRealm">
            <disableSignup>true</disableSignup>
          </securityRealm>
        </hudson>
        """;

    private static readonly string[] F1KeptElements =
    [
        "fullName", "description", "org.jenkinsci.main.modules.cli.auth.ssh.UserPropertyImpl",
        "jenkins.security.LastGrantedAuthoritiesProperty", "hudson.model.MyViewsProperty",
        "hudson.security.HudsonPrivateSecurityRealm_-Details", "hudson.model.PaneStatusProperties",
        "hudson.search.UserSearchProperty",
    ];

    private static readonly string[] F3KeptElements =
    [
        "fullName", "id", "description", "com.cloudbees.plugins.credentials.UserCredentialsProvider_-UserCredentialsProperty",
        "hudson.tasks.Mailer_-UserProperty", "hudson.model.MyViewsProperty", "hudson.model.PaneStatusProperties",
        "org.jenkinsci.main.modules.cli.auth.ssh.UserPropertyImpl", "hudson.search.UserSearchProperty",
    ];

    private static readonly string[] V3KeptElements =
    [
        "fullName", "id", "hudson.security.HudsonPrivateSecurityRealm_-Details", "jenkins.security.seed.UserSeedProperty",
        "jenkins.security.LastGrantedAuthoritiesProperty", "hudson.search.UserSearchProperty",
    ];

    private TestServer? _server;

    private TestServer Server => _server!;

    [TearDown]
    public async Task StopServerAsync()
    {
        if (_server is null)
        {
            return;
        }

        try
        {
            _server.AssertNoSecretLeaks();
        }
        finally
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    // ---- Every fixture: the credentials Jenkins accepts there, and one it cannot know ----

    // F3's legacy token: Jenkins answers 500 there (its realm cannot load a user without password); 401 would be
    // acceptable per api-tokens.md 5.1, JenkinsLite authenticates because the token matches.
    [TestCase(F1, "admin", "admin", TestName = "F1Password_AdminAdmin_Authenticates")]
    [TestCase(F1, "admin", F1Legacy, TestName = "F1LegacyToken_RawApiTokenWithoutSecrets_Authenticates")]
    [TestCase(F2, "user", "passwordpassword", TestName = "F2Password_UserMappedByUsersXml_Authenticates")]
    [TestCase(F3, "username", F3Legacy, TestName = "F3LegacyToken_HistoricalFormatWithoutSecrets_Authenticates")]
    [TestCase(F4, "admin", "admin", TestName = "F4Password_AdminAdmin_Authenticates")]
    [TestCase(F4, "admin", F4Legacy, TestName = "F4LegacyToken_RawApiTokenWithoutSecrets_Authenticates")]
    public async Task FixtureLogin_GoldCredential_Authenticates(string fixture, string user, string secret)
    {
        // Arrange
        _server = await StartOnCopyOfAsync(fixture);

        // Act
        var (status, body) = await HomeKit.WhoAmIAsync(Server, user, secret);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(JObject.Parse(body)["name"]!.ToString(), Is.EqualTo(user));
    }

    [TestCaseSource(nameof(UnknownSecrets))]
    public async Task FixtureLogin_UnknownSecret_Is401(string fixture, string user, Func<string> newGuess)
    {
        // Arrange
        _server = await StartOnCopyOfAsync(fixture);
        var guess = newGuess();
        Server.RememberSecret(guess);

        // Act
        var status = await HomeKit.WhoAmIStatusAsync(Server, user, guess);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    // ---- F1: Jenkins 2.110 home, braced <apiToken> without secrets, no token store ----

    [Test]
    public async Task F1TokenList_AfterLoad_HasExactlyOneLegacyToken()
    {
        // Arrange
        _server = await StartOnCopyOfAsync(F1);

        // Act
        var tokens = await HomeKit.TokensAsync(Server, "admin", "admin", "admin");

        // Assert
        Assert.That(tokens, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(tokens[0]["legacy"]!.Value<bool>(), Is.True);
            Assert.That(Guid.TryParse(tokens[0]["uuid"]!.ToString(), out _), Is.True);
        });
    }

    [Test]
    public async Task F1Revoke_LegacyByUuidWithPasswordAndCrumb_LegacyIs401AndPasswordStillWorks()
    {
        // Arrange
        _server = await StartOnCopyOfAsync(F1);
        var legacyUuid = (await HomeKit.TokensAsync(Server, "admin", "admin", "admin")).Single()["uuid"]!.ToString();

        // Act
        using var response = await HomeKit.PostWithPasswordAsync(Server, "admin", "admin",
            $"user/admin/{HomeKit.TokenBase}/revoke", ("tokenUuid", legacyUuid));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", F1Legacy), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", "admin"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await HomeKit.TokensAsync(Server, "admin", "admin", "admin"), Is.Empty);
        });

        // The revocation cleared <apiToken> too, so the legacy token cannot come back on load.
        await Server.RestartAsync();
        Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", F1Legacy), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(File.ReadAllText(HomeKit.UserConfigPath(Server.Home, "admin")), Does.Not.Contain("<apiToken>"));
    }

    [Test]
    public async Task F1GenerateNewToken_WithPasswordAndCrumb_NewTokenAndLegacyBothWork()
    {
        // Arrange
        _server = await StartOnCopyOfAsync(F1);

        // Act
        var (token, uuid) = await HomeKit.GenerateTokenWithPasswordAsync(Server, "admin", "admin", "after-migration");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", token), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", F1Legacy), Is.EqualTo(HttpStatusCode.OK));
            var tokens = await HomeKit.TokensAsync(Server, "admin", "admin", "admin");
            Assert.That(tokens.Select(t => (t["uuid"]!.ToString() == uuid, t["legacy"]!.Value<bool>())),
                Is.EquivalentTo(new[] { (true, false), (false, true) }));
        });
    }

    [Test]
    public async Task F1Restart_AfterUserIsSaved_LegacyStillWorksAndApiTokenIsReEncrypted()
    {
        // Arrange: the fixture's <apiToken> cannot be decrypted (no secrets/), so its raw text is the secret.
        _server = await StartOnCopyOfAsync(F1);
        var original = HomeKit.LoadXml(Path.Combine(TestServer.FixtureHome(F1), "users", "admin", "config.xml"));
        Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", F1Legacy), Is.EqualTo(HttpStatusCode.OK));
        var (token, _) = await HomeKit.GenerateTokenWithPasswordAsync(Server, "admin", "admin", "forces-a-save");

        // Act
        await Server.RestartAsync();

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", F1Legacy), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", token), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", "admin"), Is.EqualTo(HttpStatusCode.OK));
        });
        var path = HomeKit.UserConfigPath(Server.Home, "admin");
        var text = await File.ReadAllTextAsync(path);
        var saved = HomeKit.LoadXml(path);
        var apiToken = saved.Descendants("apiToken").Single().Value;
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("<?xml version='1.1' encoding='UTF-8'?>"));
            Assert.That(text, Does.Not.Contain(F1Legacy));
            Assert.That(text, Does.Not.Contain(F1RawApiToken), "the raw secret must be re-encrypted when the user is saved (decisions.md #3)");
            Assert.That(apiToken, Does.Match("^\\{[A-Za-z0-9+/]+={0,2}\\}$"));
            Assert.That(File.Exists(Path.Combine(Server.Home, "secrets", "master.key")), Is.True);
            Assert.That(File.Exists(Path.Combine(Server.Home, "secrets", "hudson.util.Secret")), Is.True);
            foreach (var name in F1KeptElements)
            {
                Assert.That(HomeKit.ElementText(saved, name), Is.EqualTo(HomeKit.ElementText(original, name)), name);
            }
        });
    }

    [Test]
    public async Task F1Restart_AfterLegacyUseOnly_LegacyKeepsItsUuidAndUseCount()
    {
        // Arrange (REL-12: token ids and stats survive a restart exactly)
        _server = await StartOnCopyOfAsync(F1);
        Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", F1Legacy), Is.EqualTo(HttpStatusCode.OK));
        var before = (await HomeKit.TokensAsync(Server, "admin", "admin", "admin")).Single();
        Assert.That(before["useCount"]!.Value<int>(), Is.EqualTo(1));

        // Act
        await Server.RestartAsync();

        // Assert
        var after = (await HomeKit.TokensAsync(Server, "admin", "admin", "admin")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(after["uuid"]!.ToString(), Is.EqualTo(before["uuid"]!.ToString()), "the legacy entry's uuid changed across a restart");
            Assert.That(after["useCount"]!.Value<int>(), Is.EqualTo(1), "the legacy entry's usage was lost across a restart");
        });
    }

    // ---- F2: modern file, users.xml, empty token store ----

    [Test]
    public async Task F2TokenList_EmptyTokenStore_IsEmpty()
    {
        // Arrange
        _server = await StartOnCopyOfAsync(F2);

        // Act
        var tokens = await HomeKit.TokensAsync(Server, "user", "passwordpassword", "user");

        // Assert
        Assert.That(tokens, Is.Empty);
    }

    // ---- F3: XML 1.0, historical (un-braced) <apiToken>, plugin properties, no password ----

    [Test]
    public async Task F3GenerateNewToken_ByLegacyToken_KeepsPluginElementsAndReEncryptsApiToken()
    {
        // Arrange
        _server = await StartOnCopyOfAsync(F3);
        var original = HomeKit.LoadXml(Path.Combine(TestServer.FixtureHome(F3), "users", "username", "config.xml"));

        // Act: a token-authenticated POST needs no crumb
        var (token, _) = await HomeKit.GenerateTokenWithTokenAsync(Server, "username", F3Legacy, "after-upgrade");

        // Assert
        var path = HomeKit.UserConfigPath(Server.Home, "username");
        var text = await File.ReadAllTextAsync(path);
        var saved = HomeKit.LoadXml(path);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("<com.cloudbees.plugins.credentials.UserCredentialsProvider_-UserCredentialsProperty plugin=\"credentials@1.18\">"));
            Assert.That(text, Does.Not.Contain(F3RawApiToken), "the raw secret must be re-encrypted when the user is saved (decisions.md #3)");
            Assert.That(text, Does.Not.Contain(F3Legacy));
            Assert.That(saved.Descendants("apiToken").Single().Value, Does.Match("^\\{[A-Za-z0-9+/]+={0,2}\\}$"));
            foreach (var name in F3KeptElements)
            {
                Assert.That(HomeKit.ElementText(saved, name), Is.EqualTo(HomeKit.ElementText(original, name)), name);
            }
        });

        await Server.RestartAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "username", F3Legacy), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "username", token), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    // ---- F4: old layout, FullControlOnceLoggedIn with denyAnonymousReadAccess ----

    [Test]
    public async Task F4Anonymous_DenyAnonymousReadAccess_Is403()
    {
        // Arrange
        _server = await StartOnCopyOfAsync(F4);
        using var anonymous = Server.Client();

        // Act
        using var response = await anonymous.GetAsync("api/json");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var admin = Server.Client("admin", "admin");
        using var allowed = await admin.GetAsync("api/json");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    // ---- F5: users.xml maps fred to a folder whose file says <id>jane</id> ----

    [Test]
    public async Task F5User_MappedByUsersXml_HasFullNameFromFile()
    {
        // Arrange
        _server = await HomeKit.StartOnStagedAsync(F5, home => HomeKit.WriteText(home, "config.xml", UnsecuredConfig));
        using var anonymous = Server.Client();

        // Act
        var fred = await HomeKit.JsonAsync(anonymous, "user/fred/api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(fred["id"]!.ToString(), Is.EqualTo("fred"));
            Assert.That(fred["fullName"]!.ToString(), Is.EqualTo("Fred Smith"));
        });
    }

    [Test]
    public async Task F5User_IdOnlyWrittenInsideTheFile_Is404()
    {
        // Arrange
        _server = await HomeKit.StartOnStagedAsync(F5, home => HomeKit.WriteText(home, "config.xml", UnsecuredConfig));
        using var anonymous = Server.Client();

        // Act
        using var response = await anonymous.GetAsync("user/jane/api/json");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    // ---- V3: real V1 secrets + the composed user file of api-tokens.md 3.2 ----

    [TestCase(V3.LegacyToken, TestName = "V3Login_LegacyTokenDecryptedWithRealKey_Authenticates")]
    [TestCase(V3.GoldToken, TestName = "V3Login_GoldVersion11Token_Authenticates")]
    [TestCase(V3.Password, TestName = "V3Login_BcryptPassword_Authenticates")]
    public async Task V3Login_GoldCredential_Authenticates(string secret)
    {
        // Arrange
        _server = await StartV3Async();

        // Act
        var (status, body) = await HomeKit.WhoAmIAsync(Server, "alice", secret);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(JObject.Parse(body)["name"]!.ToString(), Is.EqualTo("alice"));
    }

    [Test]
    public async Task V3FixedToken_ExpiredOn20260303_Is401SayingItExpired()
    {
        // Arrange
        Assume.That(DateTime.UtcNow.Date, Is.GreaterThan(new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc)));
        _server = await StartV3Async();

        // Act
        var (status, body) = await HomeKit.WhoAmIAsync(Server, "alice", V3.ExpiredToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body, Does.Contain("expired"));
        });
    }

    // The first use of an entry Jenkins stored unsalted re-stores that entry salted and leaves the others as they were.
    [TestCase(V3.GoldToken, V3.GoldUuid, "salted-11", V3.GoldJenkinsHash, "ci-bot", "2022-08-18 09:50:55.535 UTC", V3.LegacyUuid,
        TestName = "V3GoldToken_FirstUse_IsReStoredSaltedAndStillWorksAfterRestart")]
    [TestCase(V3.LegacyToken, V3.LegacyUuid, "salted-10", V3.LegacyJenkinsHash, "Legacy Token", null, V3.GoldUuid,
        TestName = "V3LegacyToken_FirstUse_IsReStoredSaltedAndStillWorksAfterRestart")]
    public async Task V3Token_FirstUse_IsReStoredSaltedAndStillWorksAfterRestart(
        string token, string uuid, string saltedVersion, string jenkinsHash, string name, string? creationDate, string unusedUuid)
    {
        // Arrange
        _server = await StartV3Async();
        var original = HomeKit.LoadXml(Path.Combine(Server.Home, "users", "alice", "config.xml"));

        // Act
        Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "alice", token), Is.EqualTo(HttpStatusCode.OK));

        // Assert
        var path = HomeKit.UserConfigPath(Server.Home, "alice");
        AssertReStoredSalted(path, original, uuid, saltedVersion, jenkinsHash, token);
        var saved = HomeKit.LoadXml(path);
        Assert.Multiple(() =>
        {
            Assert.That(HomeKit.HashedToken(saved, uuid)!.Element("name")!.Value, Is.EqualTo(name));
            Assert.That(HomeKit.HashedToken(saved, uuid)!.Element("creationDate")?.Value, Is.EqualTo(creationDate));
            Assert.That(saved.Descendants("apiToken").Single().Value, Is.EqualTo(V3.ApiTokenCiphertext), "a decryptable <apiToken> is kept verbatim");
            Assert.That(HomeKit.HashedToken(saved, unusedUuid)!.ToString(SaveOptions.DisableFormatting),
                Is.EqualTo(HomeKit.HashedToken(original, unusedUuid)!.ToString(SaveOptions.DisableFormatting)), "an unused entry is kept as it was");
        });

        await Server.RestartAsync();
        Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "alice", token), Is.EqualTo(HttpStatusCode.OK));
        AssertReStoredSalted(path, original, uuid, saltedVersion, jenkinsHash, token);
    }

    private static void AssertReStoredSalted(string path, XDocument original, string uuid, string version, string jenkinsHash, string plain)
    {
        var text = File.ReadAllText(path);
        var saved = HomeKit.LoadXml(path);
        var entry = HomeKit.HashedToken(saved, uuid);
        Assert.That(entry, Is.Not.Null, $"entry {uuid} is gone");
        Assert.Multiple(() =>
        {
            Assert.That(entry!.Element("value")!.Element("version")!.Value, Is.EqualTo(version));
            Assert.That(entry.Element("value")!.Element("hash")!.Value, Does.Match("^[0-9a-f]{64}$"));
            Assert.That(text, Does.Not.Contain(jenkinsHash));
            Assert.That(text, Does.Not.Contain(plain));
            Assert.That(text, Does.StartWith("<?xml version='1.1' encoding='UTF-8'?>"));
            Assert.That(HomeKit.HashedToken(saved, V3.ExpiredUuid)!.ToString(SaveOptions.DisableFormatting),
                Is.EqualTo(HomeKit.HashedToken(original, V3.ExpiredUuid)!.ToString(SaveOptions.DisableFormatting)));
            Assert.That(Regex.Count(text, "<jenkins.security.apitoken.ApiTokenStore_-HashedToken>"), Is.EqualTo(3));
            foreach (var name in V3KeptElements)
            {
                Assert.That(HomeKit.ElementText(saved, name), Is.EqualTo(HomeKit.ElementText(original, name)), name);
            }
        });
    }

    private static IEnumerable<TestCaseData> UnknownSecrets()
    {
        // F2 has an empty token store; F3's user has no password hash at all.
        yield return new TestCaseData(F2, "user", (Func<string>)HomeKit.RandomTokenShapedValue).SetName("F2Token_AnyValue_Is401");
        yield return new TestCaseData(F3, "username", (Func<string>)HomeKit.RandomPassword).SetName("F3Password_UserWithoutPasswordHash_Is401");
    }

    private static Task<TestServer> StartOnCopyOfAsync(string fixture) =>
        TestServer.StartOnCopyOfAsync(TestServer.FixtureHome(fixture));

    private static Task<TestServer> StartV3Async() =>
        HomeKit.StartOnStagedAsync(null, home =>
        {
            V3.WriteTo(home);
            File.Copy(HomeKit.RepositoryConfigXml(), Path.Combine(home, "config.xml"));
        });
}
