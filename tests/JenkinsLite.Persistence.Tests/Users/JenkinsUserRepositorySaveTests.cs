using System.Text.RegularExpressions;
using System.Xml.Linq;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Security.Secrets;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Tests.Home;
using JenkinsLite.Persistence.Users;
using JenkinsLite.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Persistence.Tests.Users;

/// <summary>Saving users: only what changed is rewritten, and every layout Jenkins used keeps working.</summary>
internal sealed class JenkinsUserRepositorySaveTests
{
    private const string TokenPropertyOpen = "<jenkins.security.ApiTokenProperty>";
    private const string TokenPropertyClose = "</jenkins.security.ApiTokenProperty>";

    private TempHome _home = null!;
    private UserAccounts? _accounts;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void StartClock()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void DeleteHome()
    {
        _accounts?.Dispose();
        _home.Dispose();
    }

    private string F2UserFile => _home.PathOf("users", JenkinsHomeData.F2UserFolder, "config.xml");

    /// <summary>Accounts over a fresh repository and fresh secrets, as after a restart.</summary>
    private UserAccounts Restart()
    {
        _accounts?.Dispose();
        _accounts = _home.LoadAccounts(_clock);
        return _accounts;
    }

    private static string[] Lines(string path) => File.ReadAllText(path).Split('\n');

    /// <summary>The lines before the first line containing <paramref name="open"/> and after the one containing <paramref name="close"/>.</summary>
    private static (string Before, string After) Outside(string[] lines, string open, string close)
    {
        var start = Array.FindIndex(lines, l => l.Contains(open, StringComparison.Ordinal));
        var end = Array.FindIndex(lines, l => l.Contains(close, StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0).And.LessThan(end), $"{open} ... {close} not found");
        return (string.Join('\n', lines[..start]), string.Join('\n', lines[(end + 1)..]));
    }

    [Test]
    public void Save_F2UnchangedUser_FileByteIdentical()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        var original = File.ReadAllBytes(F2UserFile);
        var repository = _home.UserRepository();
        var user = repository.LoadAll().Users.Single();

        // Act
        repository.Save(user);

        // Assert
        Assert.That(File.ReadAllText(F2UserFile), Is.EqualTo(System.Text.Encoding.UTF8.GetString(original)));
    }

    [Test]
    public void Save_F2AfterTokenChange_EveryLineOutsideTheTokenPropertyByteIdentical()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        var before = Lines(F2UserFile);
        var accounts = Restart();

        // Act
        var token = accounts.GenerateToken("user", "ci", null).Token!;

        // Assert
        var after = Lines(F2UserFile);
        var (headBefore, tailBefore) = Outside(before, TokenPropertyOpen, TokenPropertyClose);
        var (headAfter, tailAfter) = Outside(after, TokenPropertyOpen, TokenPropertyClose);
        Assert.Multiple(() =>
        {
            Assert.That(headAfter, Is.EqualTo(headBefore));
            Assert.That(tailAfter, Is.EqualTo(tailBefore));
            Assert.That(after, Does.Contain($"            <uuid>{token.Uuid}</uuid>"));
            Assert.That(after, Does.Contain("    <jenkins.security.ApiTokenProperty>"));
            Assert.That(after, Does.Contain("      <tokenStore>"));
        });
    }

    [Test]
    public void Save_HandWrittenUuids_WrittenBackAsRead()
    {
        // Arrange: uuids that are not Jenkins' lowercase form, as an edited file may hold.
        string[] uuids = ["3F2504E0-4F89-11D3-9A0C-0305E82C3301", "{3f2504e0-4f89-11d3-9a0c-0305e82c3302}", "ci-token-1", "3f2504e0-4f89-11d3-9a0c-0305e82c3303"];
        _home = TempHome.Empty();
        _home.Write("users/bob/config.xml", $"""
            <?xml version='1.1' encoding='UTF-8'?>
            <user>
              <id>bob</id>
              <properties>
                <jenkins.security.ApiTokenProperty>
                  <tokenStore>
                    <tokenList>
            {string.Concat(uuids.Select(uuid => $"""
                      <jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                        <uuid>{uuid}</uuid>
                        <name>token</name>
                        <value>
                          <version>11</version>
                          <hash>ff550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627f</hash>
                        </value>
                      </jenkins.security.apitoken.ApiTokenStore_-HashedToken>

            """))}        </tokenList>
                  </tokenStore>
                </jenkins.security.ApiTokenProperty>
              </properties>
            </user>
            """);
        var accounts = Restart();

        // Act
        var added = accounts.GenerateToken("bob", "new", null).Token!;
        var revoked = accounts.RevokeToken("bob", "ci-token-1");

        // Assert
        var written = XDocument.Parse(File.ReadAllText(_home.PathOf("users", "bob", "config.xml")).Replace("version='1.1'", "version='1.0'", StringComparison.Ordinal))
            .Descendants("uuid").Select(e => e.Value);
        Assert.Multiple(() =>
        {
            Assert.That(revoked, Is.EqualTo(TokenChange.Done));
            Assert.That(written, Is.EqualTo(new[] { uuids[0], uuids[1], uuids[3], added.Uuid }));
            Assert.That(Restart().Find("bob")!.Tokens.Tokens.Select(t => t.Uuid), Is.EqualTo(written));
        });
    }

    [Test]
    public void Save_F2AfterPasswordChange_OnlyThePasswordLineDiffers()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        var before = Lines(F2UserFile);
        var accounts = Restart();

        // Act
        accounts.ChangePassword("user", "a new password");

        // Assert
        var after = Lines(F2UserFile);
        Assert.That(after, Has.Length.EqualTo(before.Length));
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(changed, Has.Count.EqualTo(1));
            Assert.That(after[changed[0]], Does.Match(@"^      <passwordHash>#jbcrypt:\$2a\$10\$.{53}</passwordHash>$"));
        });
    }

    [Test]
    public async Task Save_F2AfterTokenChange_ReloadedTokenWorks()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        var token = Restart().GenerateToken("user", "ci", null).Token!;

        // Act
        var accounts = Restart();

        // Assert
        Assert.That(await accounts.AuthenticateAsync("user", token.PlainValue, passwordsAllowed: false), Is.InstanceOf<AuthenticationResult.ByToken>());
    }

    [Test]
    public void Save_F3AfterTokenChange_PluginPropertiesKeptWithTheirAttributes()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F3);
        var path = _home.PathOf("users", "username", "config.xml");
        var original = XDocument.Load(path);

        // Act
        Restart().GenerateToken("username", "ci", null);

        // Assert
        var text = File.ReadAllText(path);
        var saved = XDocument.Parse(text.Replace("version='1.1'", "version='1.0'", StringComparison.Ordinal));
        var credentials = saved.Root!.Element("properties")!
            .Element("com.cloudbees.plugins.credentials.UserCredentialsProvider_-UserCredentialsProperty");
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("<?xml version='1.1' encoding='UTF-8'?>\n<user>"));
            Assert.That(credentials?.Attribute("plugin")?.Value, Is.EqualTo("credentials@1.18"));
            Assert.That(credentials?.Element("domainCredentialsMap")?.Attribute("class")?.Value, Is.EqualTo("hudson.util.CopyOnWriteMap$Hash"));
            Assert.That(saved.Root.Element("properties")!.Elements().Select(e => e.Name.LocalName),
                Is.EqualTo(original.Root!.Element("properties")!.Elements().Select(e => e.Name.LocalName)));
            Assert.That(text, Does.Contain("<insensitiveSearch>false</insensitiveSearch>"));
        });
    }

    [Test]
    public void Save_F3AfterTokenChange_RawLegacySecretReEncryptedSameLegacyToken()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F3);
        var path = _home.PathOf("users", "username", "config.xml");
        const string rawApiToken = "qykj8q6EqvMg9LPu+lCqLiXBZvEVdCTWoYJwmicXgH+yh1ZUm85iHe29grd+g3QG";

        // Act
        Restart().GenerateToken("username", "ci", null);

        // Assert
        var text = File.ReadAllText(path);
        var reloaded = Restart().Find("username")!;
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(rawApiToken));
            Assert.That(text, Does.Match(@"<apiToken>\{[A-Za-z0-9+/=]+\}</apiToken>"));
            Assert.That(reloaded.Legacy?.UserFacingValue, Is.EqualTo(JenkinsHomeData.F3LegacyToken));
        });
    }

    [Test]
    public async Task Save_F1AfterTokenChange_RawLegacySecretReEncryptedWithNewHomeKeys()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F1);
        var path = _home.PathOf("users", "admin", "config.xml");

        // Act
        var token = Restart().GenerateToken("admin", "ci", null).Token!;

        // Assert
        var text = File.ReadAllText(path);
        var accounts = Restart();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(File.Exists(_home.PathOf("secrets", "master.key")), Is.True);
            Assert.That(File.Exists(_home.PathOf("secrets", "hudson.util.Secret")), Is.True);
            Assert.That(text, Does.Not.Contain(JenkinsHomeData.F1ApiToken));
            Assert.That(text, Does.Contain("<apiToken>{AQAAABAAAA"));
            Assert.That(accounts.Find("admin")!.Legacy?.UserFacingValue, Is.EqualTo(JenkinsHomeData.F1LegacyToken));
            Assert.That(accounts.Find("admin")!.Tokens.Tokens, Has.Length.EqualTo(2));
            Assert.That(await accounts.AuthenticateAsync("admin", JenkinsHomeData.F1LegacyToken, passwordsAllowed: false),
                Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(await accounts.AuthenticateAsync("admin", token.PlainValue, passwordsAllowed: false),
                Is.InstanceOf<AuthenticationResult.ByToken>());
        });
    }

    [Test]
    public async Task Authenticate_F1LegacyFirstUse_EntryRestoredSaltedAndApiTokenReEncrypted()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F1);
        var path = _home.PathOf("users", "admin", "config.xml");

        // Act
        var result = await Restart().AuthenticateAsync("admin", JenkinsHomeData.F1LegacyToken, passwordsAllowed: false);

        // Assert
        var text = File.ReadAllText(path);
        var firstRestart = Restart().Find("admin")!.Tokens.Legacy!;
        var secondRestart = Restart().Find("admin")!.Tokens.Legacy!;
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(text, Does.Contain("<version>salted-10</version>"));
            Assert.That(text, Does.Not.Contain("3b0b5907fb423964c8615164e8bb0acd6216f3e017df88a9a6da891907866f16"));
            Assert.That(text, Does.Not.Contain(JenkinsHomeData.F1ApiToken));
            Assert.That(firstRestart.Hash.IsSalted, Is.True);
            Assert.That(secondRestart.Uuid, Is.EqualTo(firstRestart.Uuid));
            Assert.That(await _accounts!.AuthenticateAsync("admin", JenkinsHomeData.F1LegacyToken, passwordsAllowed: false),
                Is.InstanceOf<AuthenticationResult.ByToken>());
        });
    }

    [Test]
    public void Save_DecryptableApiToken_CiphertextKeptVerbatim()
    {
        // Arrange
        _home = TempHome.Empty();
        ComposedV3Home.WriteTo(_home.Root);

        // Act
        Restart().GenerateToken("alice", "ci", null);

        // Assert
        Assert.That(File.ReadAllText(_home.PathOf("users", "alice", "config.xml")),
            Does.Contain($"<apiToken>{ComposedV3Home.ApiTokenCiphertext}</apiToken>"));
    }

    [Test]
    public async Task Authenticate_UnsaltedV11EntryInFile_RestoredSaltedKeepingUuidNameAndDate()
    {
        // Arrange
        _home = TempHome.Empty();
        ComposedV3Home.WriteTo(_home.Root);
        var path = _home.PathOf("users", "alice", "config.xml");

        // Act
        var result = await Restart().AuthenticateAsync("alice", ComposedV3Home.GoldToken, passwordsAllowed: false);

        // Assert
        var entries = XDocument.Parse(File.ReadAllText(path).Replace("version='1.1'", "version='1.0'", StringComparison.Ordinal))
            .Descendants("jenkins.security.apitoken.ApiTokenStore_-HashedToken").ToList();
        var ciBot = entries.Single(e => e.Element("uuid")!.Value == ComposedV3Home.GoldUuid);
        var legacy = entries.Single(e => e.Element("uuid")!.Value == ComposedV3Home.LegacyUuid);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(ciBot.Element("name")!.Value, Is.EqualTo("ci-bot"));
            Assert.That(ciBot.Element("creationDate")!.Value, Is.EqualTo("2022-08-18 09:50:55.535 UTC"));
            Assert.That(ciBot.Element("value")!.Element("version")!.Value, Is.EqualTo(TokenHash.SaltedVersion));
            Assert.That(ciBot.Element("value")!.Element("salt")?.Value, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(ciBot.Element("value")!.Element("hash")!.Value,
                Is.Not.EqualTo(ComposedV3Home.GoldJenkinsHash));
            Assert.That(legacy.Element("value")!.Element("version")!.Value, Is.EqualTo("10"));
            Assert.That(legacy.Element("value")!.Element("hash")!.Value,
                Is.EqualTo(ComposedV3Home.LegacyJenkinsHash));
            Assert.That(string.Join(",", entries.Select(e => e.Element("uuid")!.Value)), Is.EqualTo(
                $"{ComposedV3Home.LegacyUuid},{ComposedV3Home.GoldUuid},{ComposedV3Home.ExpiredUuid}"));
            Assert.That(await Restart().AuthenticateAsync("alice", ComposedV3Home.GoldToken, passwordsAllowed: false),
                Is.InstanceOf<AuthenticationResult.ByToken>());
        });
    }

    [Test]
    public void CreateUser_HomeWithUsersXml_MappedFolderAndUsersXmlEntry()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);

        // Act
        var outcome = Restart().CreateUser("NewBie", "s3cret", "New Bie");

        // Assert
        var usersXml = File.ReadAllText(_home.PathOf("users", "users.xml"));
        var folder = Regex.Match(usersXml, "<string>newbie</string>\n      <string>([^<]+)</string>").Groups[1].Value;
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Done));
            Assert.That(folder, Does.Match(@"^newbie_\d+$"));
            Assert.That(File.Exists(_home.PathOf("users", folder, "config.xml")), Is.True);
            Assert.That(usersXml, Does.Contain("""
                    <entry>
                      <string>user</string>
                      <string>user_1072549610582667998</string>
                    </entry>
                    <entry>
                      <string>newbie</string>
                """.ReplaceLineEndings("\n")));
            Assert.That(usersXml, Does.EndWith("    </entry>\n  </idToDirectoryNameMap>\n</hudson.model.UserIdMapper>"));
            // Jenkins takes the id from the users.xml key, which is lower-cased.
            Assert.That(string.Join(",", Restart().All.Select(u => u.Id)), Is.EqualTo("newbie,user"));
        });
    }

    [Test]
    public async Task CreateUser_NewHome_HashedFolderNameAndNoUsersXml()
    {
        // Arrange
        _home = TempHome.Empty();

        // Act
        var outcome = Restart().CreateUser("NewBie", "s3cret", null);

        // Assert
        var folders = Directory.GetDirectories(_home.PathOf("users")).Select(Path.GetFileName).ToList();
        var expected = UserDirectoryName.For("NewBie", new HomeSecrets(_home.Home).DirNamesKey());
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Done));
            Assert.That(string.Join(",", folders), Is.EqualTo(expected));
            Assert.That(UserDirectoryName.LooksLikeHashedName(folders[0]!), Is.True);
            Assert.That(folders[0], Does.StartWith("newbie_"));
            Assert.That(File.Exists(_home.PathOf("users", "users.xml")), Is.False);
            Assert.That(File.ReadAllText(_home.PathOf("users", expected, "config.xml")), Does.Contain("<id>NewBie</id>"));
            Assert.That(await Restart().AuthenticateAsync("newbie", "s3cret", passwordsAllowed: true), Is.InstanceOf<AuthenticationResult.ByPassword>());
        });
    }

    [Test]
    public void CreateUser_NewHome_FileInJenkinsShape()
    {
        // Arrange
        _home = TempHome.Empty();
        var accounts = Restart();

        // Act
        accounts.CreateUser("bob", "s3cret", "Bob Builder");

        // Assert
        var folder = Directory.GetDirectories(_home.PathOf("users")).Single();
        var text = File.ReadAllText(Path.Combine(folder, "config.xml"));
        Assert.That(text, Does.Match(
            "^<\\?xml version='1.1' encoding='UTF-8'\\?>\n<user>\n  <version>10</version>\n  <id>bob</id>\n  <fullName>Bob Builder</fullName>\n  <properties>\n"));
    }

    [Test]
    public void Delete_F2User_FolderAndUsersXmlEntryRemoved()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        var repository = _home.UserRepository();
        repository.LoadAll();

        // Act
        repository.Delete("user");

        // Assert
        var usersXml = File.ReadAllText(_home.PathOf("users", "users.xml"));
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(_home.PathOf("users", JenkinsHomeData.F2UserFolder)), Is.False);
            Assert.That(Directory.GetDirectories(_home.PathOf("users")), Is.Empty);
            Assert.That(usersXml, Does.Not.Contain("<string>user</string>"));
            Assert.That(usersXml, Does.StartWith("<?xml version='1.1' encoding='UTF-8'?>\n<hudson.model.UserIdMapper>\n  <version>1</version>"));
            Assert.That(_home.UserRepository().LoadAll().Users, Is.Empty);
        });
    }

    [Test]
    public void Delete_F1AdminWithoutUsersXml_FolderRemovedNoUsersXmlCreated()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F1);
        var repository = _home.UserRepository();
        repository.LoadAll();

        // Act
        repository.Delete("ADMIN");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(_home.PathOf("users", "admin")), Is.False);
            Assert.That(File.Exists(_home.PathOf("users", "users.xml")), Is.False);
        });
    }

    [Test]
    public async Task DeleteUser_ThenCreateSameIdInUsersXmlHome_OneEntryForTheId()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        var accounts = Restart();
        accounts.DeleteUser("user");

        // Act
        accounts.CreateUser("user", "s3cret", null);

        // Assert
        var usersXml = File.ReadAllText(_home.PathOf("users", "users.xml"));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Regex.Count(usersXml, "<string>user</string>"), Is.EqualTo(1));
            Assert.That(Directory.GetDirectories(_home.PathOf("users")), Has.Length.EqualTo(1));
            Assert.That(await Restart().AuthenticateAsync("user", "passwordpassword", passwordsAllowed: true), Is.InstanceOf<AuthenticationResult.Failed>());
        });
    }
}
