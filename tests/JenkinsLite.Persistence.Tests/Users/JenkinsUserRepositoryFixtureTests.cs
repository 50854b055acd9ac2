using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Tests.Home;
using JenkinsLite.Tests.Shared;

namespace JenkinsLite.Persistence.Tests.Users;

/// <summary>The real Jenkins homes of api-tokens.md 5.1 (F1 to F5), each on its own temp copy.</summary>
internal sealed class JenkinsUserRepositoryFixtureTests
{
    private static readonly DateOnly Today = new(2026, 1, 15);

    private TempHome? _home;

    [TearDown]
    public void DeleteHome()
    {
        _home?.Dispose();
    }

    private UserLoad Load(string fixture)
    {
        _home = TempHome.CopyOf(fixture);
        return _home.UserRepository().LoadAll();
    }

    private UserAccounts Accounts(string fixture)
    {
        _home = TempHome.CopyOf(fixture);
        return _home.LoadAccounts();
    }

    [Test]
    public void LoadAll_F1_AdminFromFolderNameWithDerivedLegacyToken()
    {
        // Act
        var load = Load(TempHome.F1);

        // Assert
        var admin = load.Users.Single();
        Assert.Multiple(() =>
        {
            Assert.That(load.Unreadable, Is.Empty);
            Assert.That(admin.Id, Is.EqualTo("admin"));
            Assert.That(admin.FullName, Is.EqualTo("Admin"));
            Assert.That(admin.PasswordHash, Is.EqualTo(JenkinsHomeData.F1PasswordHash));
            Assert.That(admin.Legacy?.UserFacingValue, Is.EqualTo(JenkinsHomeData.F1LegacyToken));
            Assert.That(admin.Tokens.Tokens, Has.Length.EqualTo(1));
            Assert.That(admin.Tokens.Legacy?.CreationDate, Is.Null);
            Assert.That(admin.Tokens.FindMatch(JenkinsHomeData.F1LegacyToken, Today, out _), Is.SameAs(admin.Tokens.Legacy));
        });
    }

    [TestCase(TempHome.F1, "3b0b5907fb423964c8615164e8bb0acd6216f3e017df88a9a6da891907866f16")]
    [TestCase(TempHome.F3, "a6c9f3241ddb6c2616fd220cf9fb3788cff45169c72a5a6d939ca89193647282")]
    [TestCase(TempHome.F4, "025e26940794e11dabaacd410eb4964a31158e784d88c7d8165527a082904c30")]
    public void LoadAll_ApiTokenWithoutStoreEntry_EntryDerivedAsJenkinsStoresIt(string fixture, string jenkinsHash)
    {
        // Act
        var user = Load(fixture).Users.Single();

        // Assert: the stored-hash equivalents of api-tokens.md 5.1 (what Jenkins writes after migrating).
        var entry = user.Tokens.Legacy!;
        Assert.Multiple(() =>
        {
            Assert.That(entry.Hash.Version, Is.EqualTo("10"));
            Assert.That(entry.Hash.HashHex, Is.EqualTo(jenkinsHash));
            Assert.That(entry.Name, Is.EqualTo("Legacy Token"));
            Assert.That(entry.CreationDate, Is.Null);
        });
    }

    [Test]
    public async Task Authenticate_F1_PasswordAndLegacyTokenWork()
    {
        // Arrange
        using var accounts = Accounts(TempHome.F1);

        // Act
        var byPassword = await accounts.AuthenticateAsync("admin", "admin", passwordsAllowed: true);
        var byToken = await accounts.AuthenticateAsync("admin", JenkinsHomeData.F1LegacyToken, passwordsAllowed: false);
        var wrong = await accounts.AuthenticateAsync("admin", "7be8e81ad5a350fa3f3e2acfae4adb15", passwordsAllowed: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(byPassword, Is.InstanceOf<AuthenticationResult.ByPassword>());
            Assert.That(byToken, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(wrong, Is.InstanceOf<AuthenticationResult.Failed>());
        });
    }

    [Test]
    public async Task RevokeToken_F1Legacy_LegacyFailsPasswordStillWorks()
    {
        // Arrange
        using var accounts = Accounts(TempHome.F1);
        var uuid = accounts.Find("admin")!.Tokens.Legacy!.Uuid;

        // Act
        accounts.RevokeToken("admin", uuid);
        accounts.Reload();

        // Assert: also after a reload, the legacy value must not come back from <apiToken>.
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(accounts.Find("admin")!.Tokens.Tokens, Is.Empty);
            Assert.That(await accounts.AuthenticateAsync("admin", JenkinsHomeData.F1LegacyToken, passwordsAllowed: false),
                Is.InstanceOf<AuthenticationResult.Failed>());
            Assert.That(await accounts.AuthenticateAsync("admin", "admin", passwordsAllowed: true), Is.InstanceOf<AuthenticationResult.ByPassword>());
        });
    }

    [Test]
    public void LoadAll_F2_IdFromUsersXmlAndPasswordHash()
    {
        // Act
        var load = Load(TempHome.F2);

        // Assert
        var user = load.Users.Single();
        Assert.Multiple(() =>
        {
            Assert.That(load.Unreadable, Is.Empty);
            Assert.That(user.Id, Is.EqualTo("user"));
            Assert.That(user.FullName, Is.EqualTo("The User"));
            Assert.That(user.PasswordHash, Is.EqualTo(JenkinsHomeData.F2PasswordHash));
            Assert.That(user.Tokens.Tokens, Is.Empty);
            Assert.That(user.Legacy, Is.Null);
        });
    }

    [Test]
    public async Task Authenticate_F2_PasswordWorksNoTokenDoes()
    {
        // Arrange
        using var accounts = Accounts(TempHome.F2);

        // Act, Assert
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await accounts.AuthenticateAsync("user", "passwordpassword", passwordsAllowed: true),
                Is.InstanceOf<AuthenticationResult.ByPassword>());
            Assert.That(await accounts.AuthenticateAsync("user", JenkinsHomeData.NewToken, passwordsAllowed: false),
                Is.InstanceOf<AuthenticationResult.Failed>());
            Assert.That(await accounts.AuthenticateAsync("user", "passwordpassword", passwordsAllowed: false),
                Is.InstanceOf<AuthenticationResult.Failed>());
        });
    }

    [Test]
    public void LoadAll_F3_Xml10FileWithHistoricalApiTokenUsedRaw()
    {
        // Act
        var load = Load(TempHome.F3);

        // Assert
        var user = load.Users.Single();
        Assert.Multiple(() =>
        {
            Assert.That(load.Unreadable, Is.Empty);
            Assert.That(user.Id, Is.EqualTo("username"));
            Assert.That(user.PasswordHash, Is.Null);
            Assert.That(user.Legacy?.UserFacingValue, Is.EqualTo(JenkinsHomeData.F3LegacyToken));
            Assert.That(user.Tokens.FindMatch(JenkinsHomeData.F3LegacyToken, Today, out _), Is.Not.Null);
        });
    }

    [Test]
    public void LoadAll_F4_AdminWithLegacyTokenAndPassword()
    {
        // Act
        var load = Load(TempHome.F4);

        // Assert
        var admin = load.Users.Single();
        Assert.Multiple(() =>
        {
            Assert.That(admin.Id, Is.EqualTo("admin"));
            Assert.That(admin.PasswordHash, Is.EqualTo(JenkinsHomeData.F4PasswordHash));
            Assert.That(admin.Legacy?.UserFacingValue, Is.EqualTo(JenkinsHomeData.F4LegacyToken));
            Assert.That(admin.Tokens.FindMatch(JenkinsHomeData.F4LegacyToken, Today, out _), Is.Not.Null);
        });
    }

    [Test]
    public async Task Authenticate_F4_PasswordAdminWorks()
    {
        // Arrange
        using var accounts = Accounts(TempHome.F4);

        // Act, Assert
        Assert.That(await accounts.AuthenticateAsync("admin", "admin", passwordsAllowed: true), Is.InstanceOf<AuthenticationResult.ByPassword>());
    }

    [Test]
    public void LoadAll_F5_UsersXmlKeyWinsOverIdInFile()
    {
        // Act
        var load = Load(TempHome.F5);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(string.Join(",", load.Users.Select(u => u.Id)), Is.EqualTo("fred"));
            Assert.That(load.Users.Single().FullName, Is.EqualTo("Fred Smith"));
            Assert.That(load.Unreadable, Is.Empty);
        });
    }

    [Test]
    public void Find_F5_FredExistsJaneDoesNot()
    {
        // Arrange
        using var accounts = Accounts(TempHome.F5);

        // Act, Assert
        Assert.Multiple(() =>
        {
            Assert.That(accounts.Find("fred")?.FullName, Is.EqualTo("Fred Smith"));
            Assert.That(accounts.Find("jane"), Is.Null);
        });
    }

    [Test]
    public void LoadAll_ComposedUserWithJenkinsSecrets_ApiTokenDecryptedAndEveryTokenMatches()
    {
        // Arrange: api-tokens.md 3.2 with the V1 secrets of 5.3 (V3).
        _home = TempHome.Empty();
        ComposedV3Home.WriteTo(_home.Root);

        // Act
        var alice = _home.UserRepository().LoadAll().Users.Single();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(alice.Legacy?.PlainSecret, Is.EqualTo(ComposedV3Home.LegacyPlainSecret));
            Assert.That(alice.Legacy?.StoredText, Is.EqualTo(ComposedV3Home.ApiTokenCiphertext));
            Assert.That(alice.Tokens.Tokens, Has.Length.EqualTo(3));
            Assert.That(alice.Tokens.FindMatch(ComposedV3Home.LegacyToken, new DateOnly(2026, 3, 3), out _)?.Name, Is.EqualTo("Legacy Token"));
            Assert.That(alice.Tokens.FindMatch(ComposedV3Home.GoldToken, new DateOnly(2026, 3, 3), out _)?.Name, Is.EqualTo("ci-bot"));
            Assert.That(alice.Tokens.FindMatch(ComposedV3Home.ExpiredToken, new DateOnly(2026, 3, 3), out _)?.ExpirationDate,
                Is.EqualTo(new DateOnly(2026, 3, 3)));
            Assert.That(alice.Tokens.FindMatch(ComposedV3Home.ExpiredToken, new DateOnly(2026, 3, 4), out var expired), Is.Null);
            Assert.That(expired, Is.True);
            Assert.That(alice.Tokens.Find(ComposedV3Home.GoldUuid)?.CreationDate,
                Is.EqualTo(new DateTimeOffset(2022, 8, 18, 9, 50, 55, 535, TimeSpan.Zero)));
            Assert.That(alice.Tokens.Find(ComposedV3Home.ExpiredUuid)?.CreationDate,
                Is.EqualTo(new DateTimeOffset(2026, 2, 1, 10, 0, 0, 7, TimeSpan.Zero)));
        });
    }

    [Test]
    public void LoadAll_TokenWithoutUuid_GetsARandomOne()
    {
        // Arrange
        _home = TempHome.Empty();
        _home.Write("users/bob/config.xml", """
            <?xml version='1.1' encoding='UTF-8'?>
            <user>
              <properties>
                <jenkins.security.ApiTokenProperty>
                  <tokenStore>
                    <tokenList>
                      <jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                        <name>no uuid</name>
                        <value>
                          <version>11</version>
                          <hash>ff550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627f</hash>
                        </value>
                      </jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                    </tokenList>
                  </tokenStore>
                </jenkins.security.ApiTokenProperty>
              </properties>
            </user>
            """);

        // Act
        var token = _home.UserRepository().LoadAll().Users.Single().Tokens.Tokens.Single();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse(token.Uuid, out _), Is.True);
            Assert.That(token.Hash.Version, Is.EqualTo("11"));
        });
    }
}
