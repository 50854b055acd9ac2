using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Security.Ldap;
using JenkinsLite.Core.Tests.Users;

namespace JenkinsLite.Core.Tests.Security.Ldap;

internal sealed class DirectoryRealmTests
{
    private static readonly DirectoryCacheSettings TwoMinutes = DirectoryCacheSettings.Default;
    private static readonly string[] Builders = ["builders"];

    [Test]
    public async Task Authenticate_DirectoryPassword_CreatesAPasswordlessLocalRecordWithTheGroups()
    {
        // Arrange
        using var harness = new AccountsHarness();
        var directory = new FakeDirectory { ["alice"] = ("pw", ["builders"]) };
        var realm = new DirectoryRealm(directory, harness.Accounts, TwoMinutes, harness.Clock);

        // Act
        var result = await realm.AuthenticateAsync("alice", "pw", countTokenUse: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.TypeOf<AuthenticationResult.ByPassword>());
            Assert.That(result.Groups, Is.EqualTo(Builders));
            Assert.That(harness.Repository.Saved.Single().PasswordHash, Is.Null, "the directory password is never stored");
        });
    }

    [Test]
    public async Task Authenticate_Token_NoBindAndNoDirectoryCallWithinTheWindow()
    {
        // Arrange
        using var harness = new AccountsHarness();
        var directory = new FakeDirectory { ["alice"] = ("pw", ["builders"]) };
        var realm = new DirectoryRealm(directory, harness.Accounts, TwoMinutes, harness.Clock);
        await realm.AuthenticateAsync("alice", "pw", countTokenUse: true);
        var token = harness.Accounts.GenerateToken("alice", "script", null).Token!.PlainValue;

        // Act
        var results = new List<AuthenticationResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await realm.AuthenticateAsync("alice", token, countTokenUse: true));
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(results, Is.All.TypeOf<AuthenticationResult.ByToken>());
            Assert.That(directory.SignIns, Is.EqualTo(1));
            Assert.That(directory.Finds, Is.Zero);
        });
    }

    [Test]
    public async Task Authenticate_TokenAfterTheWindow_AsksAgainAndRefusesAUserTheDirectoryLost()
    {
        // Arrange
        using var harness = new AccountsHarness();
        var directory = new FakeDirectory { ["alice"] = ("pw", []) };
        var realm = new DirectoryRealm(directory, harness.Accounts, TwoMinutes, harness.Clock);
        await realm.AuthenticateAsync("alice", "pw", countTokenUse: true);
        var token = harness.Accounts.GenerateToken("alice", "script", null).Token!.PlainValue;
        directory.Remove("alice");

        // Act
        var within = await realm.AuthenticateAsync("alice", token, countTokenUse: true);
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await realm.AuthenticateAsync("alice", token, countTokenUse: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(within, Is.TypeOf<AuthenticationResult.ByToken>());
            Assert.That(after, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials)));
            Assert.That(harness.Accounts.Find("alice"), Is.Not.Null, "the local record is kept");
        });
    }

    [Test]
    public async Task Authenticate_DirectoryDown_TokenWithinWindowWorks_AfterItAndPasswordsFailAsUnavailable()
    {
        // Arrange
        using var harness = new AccountsHarness();
        var directory = new FakeDirectory { ["alice"] = ("pw", []) };
        var realm = new DirectoryRealm(directory, harness.Accounts, TwoMinutes, harness.Clock);
        await realm.AuthenticateAsync("alice", "pw", countTokenUse: true);
        var token = harness.Accounts.GenerateToken("alice", "script", null).Token!.PlainValue;
        directory.Down = true;

        // Act
        var tokenWithin = await realm.AuthenticateAsync("alice", token, countTokenUse: true);
        var password = await realm.AuthenticateAsync("alice", "pw", countTokenUse: true);
        harness.Clock.Advance(TimeSpan.FromMinutes(3));
        var tokenAfter = await realm.AuthenticateAsync("alice", token, countTokenUse: true);

        // Assert
        var unavailable = new AuthenticationResult.Failed(AuthenticationFailure.DirectoryUnavailable);
        Assert.Multiple(() =>
        {
            Assert.That(tokenWithin, Is.TypeOf<AuthenticationResult.ByToken>());
            Assert.That(password, Is.EqualTo(unavailable));
            Assert.That(tokenAfter, Is.EqualTo(unavailable));
        });
    }

    [TestCase("anonymous")]
    [TestCase("SYSTEM")]
    [TestCase("")]
    public async Task Authenticate_ReservedOrEmptyName_NeverAskedOfTheDirectory(string name)
    {
        using var harness = new AccountsHarness();
        var directory = new FakeDirectory { [name] = ("pw", []) };
        var realm = new DirectoryRealm(directory, harness.Accounts, TwoMinutes, harness.Clock);

        var result = await realm.AuthenticateAsync(name, "pw", countTokenUse: true);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials)));
            Assert.That(directory.SignIns, Is.Zero);
        });
    }

    [Test]
    public void Check_MoreUsersThanTheCacheHolds_OldestAskedAgain()
    {
        // Arrange
        using var harness = new AccountsHarness();
        var directory = new FakeDirectory { ["a"] = ("pw", []), ["b"] = ("pw", []), ["c"] = ("pw", []) };
        var realm = new DirectoryRealm(directory, harness.Accounts, new DirectoryCacheSettings(2, TimeSpan.FromMinutes(2)), harness.Clock);
        foreach (var id in new[] { "a", "b", "c" })
        {
            realm.Check(id);
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Act
        var before = directory.Finds;
        realm.Check("c");
        realm.Check("a");

        // Assert
        Assert.That(directory.Finds - before, Is.EqualTo(1), "only the evicted oldest entry is asked again");
    }

    private sealed class FakeDirectory : IDirectory, System.Collections.IEnumerable
    {
        private readonly Dictionary<string, (string Password, string[] Groups)> _users = new(StringComparer.OrdinalIgnoreCase);

        public bool Down { get; set; }

        public int SignIns { get; private set; }

        public int Finds { get; private set; }

        public (string Password, string[] Groups) this[string id]
        {
            set => _users[id] = value;
        }

        public void Remove(string id) => _users.Remove(id);

        public DirectoryAnswer SignIn(string userName, string password)
        {
            SignIns++;
            return Down ? new DirectoryAnswer.Unavailable("down (test)")
                : _users.TryGetValue(userName, out var user) && user.Password == password ? Found(userName, user.Groups)
                : DirectoryAnswer.NotFound;
        }

        public DirectoryAnswer Find(string userName)
        {
            Finds++;
            return Down ? new DirectoryAnswer.Unavailable("down (test)")
                : _users.TryGetValue(userName, out var user) ? Found(userName, user.Groups)
                : DirectoryAnswer.NotFound;
        }

        public System.Collections.IEnumerator GetEnumerator() => _users.GetEnumerator();

        private static DirectoryAnswer.Found Found(string id, string[] groups) => new(new DirectoryUser(id, id, null, groups));
    }
}
