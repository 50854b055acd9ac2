using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

/// <summary>
/// <see cref="UserAccounts.StartLoading"/>: while a large home loads, a user signs in from their own file alone, changes
/// wait for the load and are kept, and what needs every user waits for all of them.
/// </summary>
internal sealed class UserAccountsBackgroundLoadTests : AccountsTestBase
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private ManualResetEventSlim _loadMayEnd = null!;

    [SetUp]
    public void PutAliceAndHoldTheLoad()
    {
        _loadMayEnd = new ManualResetEventSlim();
        var loadMayEnd = _loadMayEnd;
        Repository.Put(new User("alice", "Alice", null, null, ApiTokenStore.Of([AccountsHarness.SaltedToken("t1", "ci", Secret)]), null));
        Repository.DuringLoadAll = () => loadMayEnd.Wait(TimeSpan.FromSeconds(30));
    }

    [TearDown]
    public void EndTheLoad()
    {
        _loadMayEnd.Set();
        _ = Harness.Accounts.All.Count(); // the load has ended before the event goes
        _loadMayEnd.Dispose();
    }

    [Test]
    public void Authenticate_WhileTheLoadRuns_TheUserIsReadAloneAndSignsIn()
    {
        // Arrange
        Accounts.StartLoading();

        // Act
        var signedIn = Harness.TokenWorks("ALICE", Secret);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(signedIn, Is.True);
            Assert.That(Repository.ReadAlone, Is.EqualTo((string[])["ALICE"]), "read once, then remembered");
            Assert.That(Harness.TokenWorks("alice", "ffffffffffffffffffffffffffffffff"), Is.False);
        });
    }

    [Test]
    public void GenerateToken_WhileTheLoadRuns_WaitsForItAndIsKept()
    {
        // Arrange
        Accounts.StartLoading();

        // Act
        var generate = Task.Run(() => Accounts.GenerateToken("alice", "during the load", null));
        var finishedBeforeTheLoad = generate.Wait(TimeSpan.FromMilliseconds(300));
        _loadMayEnd.Set();
        var token = generate.GetAwaiter().GetResult().Token!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(finishedBeforeTheLoad, Is.False);
            Assert.That(Repository.Stored("alice")!.Tokens.Find(token.Uuid), Is.Not.Null);
            Assert.That(Harness.TokenWorks("alice", token.PlainValue), Is.True);
            Assert.That(Harness.TokenWorks("alice", Secret), Is.True);
        });
    }

    [Test]
    public void Find_AUserTheFileAloneDoesNotShow_AnsweredOnceTheLoadEnds()
    {
        // Arrange
        Accounts.StartLoading();

        // Act
        var find = Task.Run(() => Accounts.Find("nobody"));
        var answeredBeforeTheLoad = find.Wait(TimeSpan.FromMilliseconds(300));
        _loadMayEnd.Set();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answeredBeforeTheLoad, Is.False);
            Assert.That(find.GetAwaiter().GetResult(), Is.Null);
        });
    }

    [Test]
    public void All_WhileTheLoadRuns_WaitsForEveryUser()
    {
        // Arrange
        Repository.Put(new User("bob", "Bob", null, null, ApiTokenStore.Empty, null));
        Accounts.StartLoading();

        // Act
        var all = Task.Run(() => Accounts.All.Select(u => u.Id).ToList());
        var answeredBeforeTheLoad = all.Wait(TimeSpan.FromMilliseconds(300));
        _loadMayEnd.Set();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answeredBeforeTheLoad, Is.False);
            Assert.That(all.GetAwaiter().GetResult(), Is.EqualTo((string[])["alice", "bob"]));
        });
    }
}
