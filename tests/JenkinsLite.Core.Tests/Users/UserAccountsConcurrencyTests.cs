using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

internal sealed class UserAccountsConcurrencyTests : AccountsTestBase
{
    [SetUp]
    public void AddAlice()
    {
        Harness.AddUser("alice");
    }

    /// <summary>Runs every action on its own thread, all released at once, and waits for them.</summary>
    private static void RunTogether(IReadOnlyList<Action> actions)
    {
        using var go = new ManualResetEventSlim(false);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = actions.Select(action => new Thread(() =>
        {
            go.Wait();
            try
            {
                action();
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        go.Set();
        threads.ForEach(t => t.Join());
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void GenerateToken_64InParallelOnOneUser_AllPresentAndWorking()
    {
        // Arrange
        var results = new TokenChangeResult[64];

        // Act
        RunTogether(Enumerable.Range(0, results.Length)
            .Select(i => (Action)(() => results[i] = Accounts.GenerateToken("alice", $"token {i}", null)))
            .ToList());

        // Assert
        var uuids = results.Select(r => r.Token!.Uuid).ToHashSet();
        var inMemory = Accounts.Find("alice")!.Tokens.Tokens.Select(t => t.Uuid).ToHashSet();
        var onDisk = Repository.Stored("alice")!.Tokens.Tokens.Select(t => t.Uuid).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Outcome), Is.All.EqualTo(TokenChange.Done));
            Assert.That(uuids, Has.Count.EqualTo(64));
            Assert.That(inMemory, Is.EquivalentTo(uuids));
            Assert.That(onDisk, Is.EquivalentTo(uuids));
            Assert.That(results.Count(r => Harness.TokenWorks("alice", r.Token!.PlainValue)), Is.EqualTo(64));
        });
    }

    [Test]
    public void RevokeToken_RacingGenerateToken_ExactlyTheNewTokensRemain()
    {
        // Arrange
        var old = Enumerable.Range(0, 32).Select(i => Accounts.GenerateToken("alice", $"old {i}", null).Token!).ToList();
        var fresh = new NewApiToken?[32];
        var actions = new List<Action>();
        for (var i = 0; i < 32; i++)
        {
            var index = i;
            actions.Add(() => Accounts.RevokeToken("alice", old[index].Uuid));
            actions.Add(() => fresh[index] = Accounts.GenerateToken("alice", $"new {index}", null).Token);
        }

        // Act
        RunTogether(actions);

        // Assert
        var expected = fresh.Select(t => t!.Uuid).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice")!.Tokens.Tokens.Select(t => t.Uuid), Is.EquivalentTo(expected));
            Assert.That(Repository.Stored("alice")!.Tokens.Tokens.Select(t => t.Uuid), Is.EquivalentTo(expected));
            Assert.That(old.Count(t => Harness.TokenWorks("alice", t.PlainValue)), Is.Zero);
            Assert.That(fresh.Count(t => Harness.TokenWorks("alice", t!.PlainValue)), Is.EqualTo(32));
        });
    }

    [Test]
    public void Reload_WhileATokenIsGenerated_TheShownTokenKeepsWorking()
    {
        // Arrange: a change lands while the reload is reading the users folder.
        Task<TokenChangeResult>? generate = null;
        Repository.DuringLoadAll = () =>
        {
            Repository.DuringLoadAll = null;
            generate = Task.Run(() => Accounts.GenerateToken("alice", "during reload", null));

            // A reload that excludes changes keeps it waiting; give it the time to finish if it may.
            generate.Wait(TimeSpan.FromMilliseconds(500));
        };

        // Act
        Accounts.Reload();
        var token = generate!.GetAwaiter().GetResult().Token!;

        // Assert: the token was saved and shown, so it must be in force.
        Assert.Multiple(() =>
        {
            Assert.That(Repository.Stored("alice")!.Tokens.Find(token.Uuid), Is.Not.Null);
            Assert.That(Harness.TokenWorks("alice", token.PlainValue), Is.True);
        });
    }

    [Test]
    public void ChangePassword_RacingGenerateToken_BothChangesKept()
    {
        // Arrange
        var tokens = new NewApiToken?[16];
        var actions = new List<Action> { () => Accounts.ChangePassword("alice", "new password") };
        actions.AddRange(Enumerable.Range(0, tokens.Length)
            .Select(i => (Action)(() => tokens[i] = Accounts.GenerateToken("alice", $"t{i}", null).Token)));

        // Act
        RunTogether(actions);

        // Assert
        var stored = Repository.Stored("alice")!;
        Assert.Multiple(() =>
        {
            Assert.That(stored.Tokens.Tokens, Has.Length.EqualTo(16));
            Assert.That(stored.PasswordHash, Is.EqualTo(Accounts.Find("alice")!.PasswordHash));
            Assert.That(Harness.PasswordWorks("alice", "new password"), Is.True);
        });
    }
}
