using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Security.Passwords;
using JenkinsLite.Core.Tests.Security.ApiTokens;
using JenkinsLite.Core.Tests.Security.Secrets;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

internal sealed class UserAccountsAuthenticateTests : AccountsTestBase
{
    [Test]
    public async Task Authenticate_JenkinsV11Token_ByToken()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken());

        // Act
        var result = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
        var byToken = (AuthenticationResult.ByToken)result;
        Assert.Multiple(() =>
        {
            Assert.That(byToken.User.Id, Is.EqualTo("alice"));
            Assert.That(byToken.Token.Uuid, Is.EqualTo("d987d752-b057-430e-b701-622872e79196"));
        });
    }

    [Test]
    public async Task Authenticate_JenkinsV11TokenFirstUse_RestoredSaltedKeepingUuidNameAndDates()
    {
        // Arrange
        var expiration = new DateOnly(2026, 12, 31);
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken(expiration));

        // Act
        await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.That(Repository.Saved, Has.Count.EqualTo(1));
        var stored = Repository.Saved[0].Tokens.Tokens.Single();
        Assert.Multiple(() =>
        {
            Assert.That(stored.Uuid, Is.EqualTo("d987d752-b057-430e-b701-622872e79196"));
            Assert.That(stored.Name, Is.EqualTo("ci-bot"));
            Assert.That(stored.CreationDate, Is.EqualTo(AccountsHarness.JenkinsCreation));
            Assert.That(stored.ExpirationDate, Is.EqualTo(expiration));
            Assert.That(stored.Hash.Version, Is.EqualTo(TokenHash.SaltedVersion));
            Assert.That(stored.Hash.SaltHex, Is.Not.Null);
            Assert.That(stored.Hash.HashHex, Is.Not.EqualTo(TokenGold.NewTokenHash));
            Assert.That(Accounts.Find("alice")!.Tokens.Tokens.Single().Hash.IsSalted, Is.True);
        });
    }

    [Test]
    public async Task Authenticate_AfterRestore_TokenStillWorksWithoutAnotherSave()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken());
        await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Act
        var second = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(Repository.Saved, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Authenticate_RestoredUserReloadedFromRepository_TokenStillWorks()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken());
        await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Act
        Accounts.Reload();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice")!.Tokens.Tokens.Single().Hash.IsSalted, Is.True);
            Assert.That(Harness.TokenWorks("alice", TokenGold.NewToken), Is.True);
        });
    }

    [Test]
    public async Task Authenticate_JenkinsV10LegacyEntryFirstUse_RestoredSaltedAndStillLegacy()
    {
        // Arrange: F1 as Jenkins saves it after migrating: <apiToken> plus a v10 entry.
        var legacy = new LegacyApiToken(SecretVectors.F1ApiToken, SecretVectors.F1ApiToken);
        var entry = AccountsHarness.JenkinsToken("c2b5e4a0-0000-4000-8000-000000000001", "Legacy Token",
            TokenHash.JenkinsLegacyVersion, TokenGold.LegacyTokenHash);
        Harness.AddUser(new User("admin", "Admin", null, null, ApiTokenStore.Of([entry]), legacy));

        // Act
        var result = await Accounts.AuthenticateAsync("admin", TokenGold.LegacyToken, passwordsAllowed: false);

        // Assert
        Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
        var saved = Repository.Saved.Single();
        Assert.Multiple(() =>
        {
            Assert.That(saved.Tokens.Tokens.Single().Uuid, Is.EqualTo(entry.Uuid));
            Assert.That(saved.Tokens.Tokens.Single().CreationDate, Is.Null);
            Assert.That(saved.Tokens.Tokens.Single().Hash.Version, Is.EqualTo(TokenHash.SaltedLegacyVersion));
            Assert.That(saved.Legacy, Is.EqualTo(legacy));
        });
    }

    [Test]
    public async Task Authenticate_OurSaltedToken_NothingSaved()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.SaltedToken("t1", "mine", TokenGold.NewTokenSecret));

        // Act
        var result = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public async Task Authenticate_RestoreSaveFails_StillAuthenticatedAndRetriedNextTime()
    {
        // Arrange: the secret is right; only the housekeeping write fails.
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken());
        Repository.FailSaves = true;

        // Act
        AuthenticationResult? result = null;
        Assert.DoesNotThrowAsync(async () => result = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false));
        var afterFailure = Accounts.Find("alice")!.Tokens.Tokens.Single().Hash;
        Repository.FailSaves = false;
        await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(afterFailure.IsSalted, Is.False);
            Assert.That(Repository.Saved, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Authenticate_SameUnsaltedTokenInParallel_AllSucceedAndRestoredOnce()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken());
        var results = new AuthenticationResult[32];

        // Act
        await Parallel.ForAsync(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => results[i] = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false, cancellationToken: ct));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(results, Is.All.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(Repository.Saved, Has.Count.EqualTo(1));
            Assert.That(Accounts.Usage.UsageOf("alice", "d987d752-b057-430e-b701-622872e79196").UseCount, Is.EqualTo(32));
        });
    }

    [TestCase("zz47c3b70068c7b5573342ebb6ddc7f6ae")]
    [TestCase(TokenGold.NewTokenSecret)]
    public void Authenticate_JenkinsMatchingQuirks_ByToken(string presented)
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.SaltedToken("t1", "mine", TokenGold.NewTokenSecret));

        // Act, Assert
        Assert.That(Harness.TokenWorks("alice", presented), Is.True);
    }

    [Test]
    public async Task Authenticate_Password_ByPassword()
    {
        // Arrange
        Harness.AddUser("alice");

        // Act
        var result = await Accounts.AuthenticateAsync("alice", TokenGold.Password, passwordsAllowed: true);

        // Assert
        Assert.That(result, Is.InstanceOf<AuthenticationResult.ByPassword>());
        Assert.That(((AuthenticationResult.ByPassword)result).User.Id, Is.EqualTo("alice"));
    }

    [Test]
    public async Task Authenticate_PasswordWhenPasswordsNotAllowed_BadCredentials()
    {
        // Arrange
        Harness.AddUser("alice");

        // Act
        var result = await Accounts.AuthenticateAsync("alice", TokenGold.Password, passwordsAllowed: false);

        // Assert
        Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials)));
    }

    [Test]
    public async Task Authenticate_SecretIsBothTokenAndPassword_TokenTriedFirst()
    {
        // Arrange
        Harness.AddUser(new User("alice", "alice", null, PasswordHash.HashNew(TokenGold.FixedToken),
            ApiTokenStore.Of([AccountsHarness.SaltedToken("t1", "fixed", TokenGold.FixedTokenSecret)]), null));

        // Act
        var result = await Accounts.AuthenticateAsync("alice", TokenGold.FixedToken, passwordsAllowed: true);

        // Assert
        Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
    }

    [TestCase("wrong")]
    [TestCase("")]
    [TestCase("1147C3B70068C7B5573342EBB6DDC7F6AE")]
    public async Task Authenticate_WrongSecret_BadCredentials(string secret)
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken());

        // Act
        var result = await Accounts.AuthenticateAsync("alice", secret, passwordsAllowed: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials)));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public async Task Authenticate_UnknownUser_BadCredentials()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken());

        // Act
        var result = await Accounts.AuthenticateAsync("mallory", TokenGold.NewToken, passwordsAllowed: true);

        // Assert
        Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials)));
    }

    [Test]
    public async Task Authenticate_UserIdInOtherCase_SameUser()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.SaltedToken("t1", "mine", TokenGold.NewTokenSecret));

        // Act
        var result = await Accounts.AuthenticateAsync("ALICE", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
        Assert.That(((AuthenticationResult.ByToken)result).User.Id, Is.EqualTo("alice"));
    }

    [Test]
    public async Task Authenticate_ExpiredToken_TokenExpiredAndNotCounted()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.SaltedToken("t1", "old", TokenGold.NewTokenSecret, Harness.Today.AddDays(-1)));

        // Act
        var result = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.TokenExpired)));
            Assert.That(Accounts.Usage.UsageOf("alice", "t1"), Is.EqualTo(TokenUsage.Never));
        });
    }

    [Test]
    public async Task Authenticate_TokenExpiringToday_WorksUntilTheDayEnds()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.SaltedToken("t1", "short", TokenGold.NewTokenSecret, Harness.Today));

        // Act
        var today = Harness.TokenWorks("alice", TokenGold.NewToken);
        Harness.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(today, Is.True);
            Assert.That(tomorrow, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.TokenExpired)));
        });
    }

    [Test]
    public async Task Authenticate_ExpiredUnsaltedJenkinsToken_TokenExpiredAndNotRestored()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.JenkinsGoldToken(Harness.Today.AddDays(-1)));

        // Act
        var result = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.TokenExpired)));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [TestCase("bob")]
    [TestCase("BOB")]
    public async Task Authenticate_UnreadableUserFile_UserUnreadable(string userName)
    {
        // Arrange
        Harness.AddUser("alice");
        Repository.PutUnreadable(new UnreadableUserFile("bob", "users/bob/config.xml", "unexpected end of file", 7, 1));
        Accounts.Reload();

        // Act
        var result = await Accounts.AuthenticateAsync(userName, TokenGold.Password, passwordsAllowed: true);

        // Assert
        Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.UserUnreadable)));
    }

    [Test]
    public async Task Authenticate_ReadableCopyOfAnUnreadableUser_FailsClosed()
    {
        // Arrange: two folders claim "bob" and one of them cannot be read.
        Harness.AddUser("bob", AccountsHarness.SaltedToken("t1", "mine", TokenGold.NewTokenSecret));
        Repository.PutUnreadable(new UnreadableUserFile("bob", "users/bob_2/config.xml", "unexpected end of file", 7, 1));
        Accounts.Reload();

        // Act
        var result = await Accounts.AuthenticateAsync("bob", TokenGold.NewToken, passwordsAllowed: false);

        // Assert
        Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.UserUnreadable)));
    }

    [Test]
    public void Authenticate_ByToken_UsageRecordedInMemory()
    {
        // Arrange
        Harness.AddUser("alice", AccountsHarness.SaltedToken("t1", "mine", TokenGold.NewTokenSecret));
        Harness.Clock.Advance(TimeSpan.FromMinutes(3));

        // Act
        Harness.TokenWorks("alice", TokenGold.NewToken);
        Harness.TokenWorks("alice", "wrong");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Usage.UsageOf("alice", "t1"), Is.EqualTo(new TokenUsage(1, AccountsHarness.Start.AddMinutes(3))));
            Assert.That(Repository.SavedStats, Is.Empty);
        });
    }

    [Test]
    public async Task Authenticate_TokenNotCounted_RecognisedButNoUseRecorded()
    {
        // Arrange: the sign-in form recognises a token only to refuse it
        Harness.AddUser("alice", AccountsHarness.SaltedToken("t1", "mine", TokenGold.NewTokenSecret));

        // Act
        var result = await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: true, countTokenUse: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(Accounts.Usage.UsageOf("alice", "t1"), Is.EqualTo(TokenUsage.Never));
        });
    }

    [Test]
    public async Task Authenticate_PasswordChecksBusy_BusyForAKnownAndAnUnknownUserAlike()
    {
        // Arrange: the host gives no password check a turn.
        Repository.Put(new User("alice", "alice", null, TokenGold.PasswordHash, ApiTokenStore.Empty, null));
        var verifier = new BusyVerifier();
        using var accounts = new UserAccounts(Repository, Harness.Clock, () => Harness.Settings, verifier);
        accounts.Reload();

        // Act
        var known = await accounts.AuthenticateAsync("alice", "wrong", passwordsAllowed: true);
        var unknown = await accounts.AuthenticateAsync("mallory", "wrong", passwordsAllowed: true);

        // Assert: the unknown user waited in the same line, so the answer does not tell which names exist.
        Assert.Multiple(() =>
        {
            Assert.That(known, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.Busy)));
            Assert.That(unknown, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.Busy)));
            Assert.That(verifier.Checks, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Authenticate_TokenWhilePasswordChecksBusy_ByTokenWithoutAskingForAPasswordCheck()
    {
        // Arrange
        Repository.Put(new User("alice", "alice", null, TokenGold.PasswordHash, ApiTokenStore.Of([AccountsHarness.JenkinsGoldToken()]), null));
        var verifier = new BusyVerifier();
        using var accounts = new UserAccounts(Repository, Harness.Clock, () => Harness.Settings, verifier);
        accounts.Reload();

        // Act
        var check = accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(check.IsCompletedSuccessfully, Is.True);
            Assert.That(check.Result, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That(verifier.Checks, Is.Zero);
        });
    }

    private sealed class BusyVerifier : IPasswordVerifier
    {
        public int Checks { get; private set; }

        public ValueTask<PasswordCheck> VerifyAsync(string? storedHash, string password, CancellationToken cancellationToken)
        {
            Checks++;
            return ValueTask.FromResult(PasswordCheck.Busy);
        }
    }
}
