using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Tests.Home;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Persistence.Tests.Users;

/// <summary>Scopes, creators, rotation and service accounts survive a restart, in the elements token-governance.md names.</summary>
internal sealed class TokenGovernanceStorageTests
{
    private TempHome _home = null!;
    private FakeTimeProvider _clock = null!;
    private readonly List<UserAccounts> _opened = [];

    [SetUp]
    public void CreateHome()
    {
        _home = TempHome.Empty();
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void DeleteHome()
    {
        _opened.ForEach(a => a.Dispose());
        _home.Dispose();
    }

    [Test]
    public void ScopedToken_IsStoredAsTheSpecSaysAndReadBack()
    {
        // Arrange
        var accounts = Open();
        Assert.That(accounts.CreateUser("alice", "alice-password-1", null), Is.EqualTo(UserChange.Done));
        var scope = TokenScope.TryCreate("custom", ["hudson.model.Item.Build"], ["team-a/**"], out _)!;

        // Act
        var created = accounts.GenerateToken("alice", "deploy", null, scope, "admin");
        var reread = Open().Find("alice")!.Tokens.Find(created.Token!.Uuid)!;
        var xml = File.ReadAllText(Directory.GetFiles(_home.PathOf("users"), "config.xml", SearchOption.AllDirectories).Single());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(created.UserId, Is.EqualTo("alice"));
            Assert.That(reread.EffectiveScope.SameAs(scope), Is.True);
            Assert.That(reread.CreatedBy, Is.EqualTo("admin"));
            Assert.That(xml, Does.Contain("<jenkinslite.TokenScope>"));
            Assert.That(xml, Does.Contain("<permissions>").And.Contain("<string>hudson.model.Item.Build</string>"));
            Assert.That(xml, Does.Contain("<items>").And.Contain("<string>team-a/**</string>"));
            Assert.That(xml, Does.Not.Contain(created.Token.PlainValue));
        });
    }

    [Test]
    public void FullToken_WritesNoScopeElement()
    {
        var accounts = Open();
        accounts.CreateUser("alice", "alice-password-1", null);

        accounts.GenerateToken("alice", "plain", null);

        var xml = File.ReadAllText(Directory.GetFiles(_home.PathOf("users"), "config.xml", SearchOption.AllDirectories).Single());
        Assert.That(xml, Does.Not.Contain("jenkinslite.TokenScope"));
    }

    [Test]
    public async Task RotatedToken_OldValueWorksInsideTheGraceWindowOnly_AcrossARestart()
    {
        // Arrange
        var accounts = Open();
        accounts.CreateUser("alice", "alice-password-1", null);
        var old = accounts.GenerateToken("alice", "ci", DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(30)).Token!;

        // Act
        var rotated = accounts.RotateToken("alice", old.Uuid, TimeSpan.FromMinutes(30), "alice");
        var restarted = Open();
        var during = await restarted.AuthenticateAsync("alice", old.PlainValue, passwordsAllowed: false);
        _clock.Advance(TimeSpan.FromMinutes(31));
        var after = await restarted.AuthenticateAsync("alice", old.PlainValue, passwordsAllowed: false);
        var fresh = await restarted.AuthenticateAsync("alice", rotated.Token!.PlainValue, passwordsAllowed: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(rotated.RotatedFrom, Is.EqualTo(old.Uuid));
            Assert.That(rotated.Token.Name, Is.EqualTo("ci"));
            Assert.That(rotated.Token.ExpirationDate, Is.EqualTo(old.ExpirationDate));
            Assert.That(restarted.Find("alice")!.Tokens.Find(old.Uuid)!.RotatedTo, Is.EqualTo(rotated.Token.Uuid));
            Assert.That(during, Is.TypeOf<AuthenticationResult.ByToken>());
            Assert.That(after, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.TokenExpired)));
            Assert.That(fresh, Is.TypeOf<AuthenticationResult.ByToken>());
        });
    }

    [TestCase(null, 90, 90)]
    [TestCase(30, 90, 30)]
    [TestCase(365, 90, 90)]
    [TestCase(30, 0, 30)]
    public void RotatedToken_ExpiryIsTheSameDaysAheadCappedByThePolicy(int? days, int maxLifetimeDays, int expectedDays)
    {
        var accounts = Open();
        accounts.CreateUser("alice", "alice-password-1", null);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var old = accounts.GenerateToken("alice", "ci", days is { } d ? today.AddDays(d) : null).Token!;

        var rotated = accounts.RotateToken("alice", old.Uuid, TimeSpan.Zero, "alice", maxLifetimeDays);

        Assert.That(rotated.Token!.ExpirationDate, Is.EqualTo(today.AddDays(expectedDays)));
    }

    [Test]
    public void ServiceAccount_IsMarkedAndHasNoPassword()
    {
        var accounts = Open();

        var outcome = accounts.CreateServiceAccount("deploy-bot", "Deploy bot", "deploys");
        var reread = Open().Find("deploy-bot")!;
        var xml = File.ReadAllText(Directory.GetFiles(_home.PathOf("users"), "config.xml", SearchOption.AllDirectories).Single());

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Done));
            Assert.That(reread.IsServiceAccount, Is.True);
            Assert.That(reread.PasswordHash, Is.Null);
            Assert.That(xml, Does.Contain("<jenkinslite.ServiceAccountProperty />").Or.Contain("<jenkinslite.ServiceAccountProperty/>"));
            Assert.That(accounts.ChangePassword("deploy-bot", "a-password-1"), Is.EqualTo(UserChange.InvalidPassword));
        });
    }

    [Test]
    public void RotateLegacyToken_IsRefusedAndChangesNothing()
    {
        var accounts = new UserAccounts(_home.UserRepository(), _clock, () => ApiTokenSettings.Default with { CreationOfLegacyTokenEnabled = true });
        _opened.Add(accounts);
        accounts.Reload();
        accounts.CreateUser("alice", "alice-password-1", null);
        accounts.ChangeLegacyToken("alice");
        var legacy = accounts.Find("alice")!.Tokens.Legacy!;

        var result = accounts.RotateToken("alice", legacy.Uuid, TimeSpan.Zero);

        Assert.That(result.Outcome, Is.EqualTo(TokenChange.LegacyNotRotatable));
        Assert.That(accounts.Find("alice")!.Tokens.Tokens, Has.Length.EqualTo(1));
    }

    private UserAccounts Open()
    {
        var accounts = _home.LoadAccounts(_clock);
        _opened.Add(accounts);
        return accounts;
    }
}
