using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Security.Passwords;
using JenkinsLite.Core.Tests.Security.ApiTokens;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

internal sealed class UserAccountsUserTests : AccountsTestBase
{
    [SetUp]
    public void AddAlice()
    {
        Harness.AddUser("alice", AccountsHarness.SaltedToken("t1", "one", TokenGold.NewTokenSecret));
    }

    [Test]
    public void CreateUser_ValidId_SavedAndPasswordWorks()
    {
        // Act
        var outcome = Accounts.CreateUser("bob", "s3cret", null);

        // Assert
        var stored = Repository.Stored("bob");
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Done));
            Assert.That(stored, Is.Not.Null);
            Assert.That(stored?.FullName, Is.EqualTo("bob"));
            Assert.That(stored?.PasswordHash, Does.StartWith("#jbcrypt:$2a$10$"));
            Assert.That(stored?.Tokens.Tokens, Is.Empty);
            Assert.That(stored?.Legacy, Is.Null);
            Assert.That(Harness.PasswordWorks("bob", "s3cret"), Is.True);
            Assert.That(Harness.PasswordWorks("bob", "wrong"), Is.False);
        });
    }

    [Test]
    public void CreateUser_FullName_Trimmed()
    {
        // Act
        Accounts.CreateUser("bob", "s3cret", "  Bob Builder ");

        // Assert
        Assert.That(Accounts.Find("bob")!.FullName, Is.EqualTo("Bob Builder"));
    }

    [TestCase("alice")]
    [TestCase("ALICE")]
    public void CreateUser_ExistingId_AlreadyExistsAndNothingSaved(string id)
    {
        // Act
        var outcome = Accounts.CreateUser(id, "s3cret", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.AlreadyExists));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [TestCase("anonymous")]
    [TestCase("Authenticated")]
    [TestCase("SYSTEM")]
    [TestCase("unknown")]
    public void CreateUser_ReservedId_InvalidId(string id)
    {
        // Act
        var outcome = Accounts.CreateUser(id, "s3cret", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.InvalidId));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [TestCase("")]
    [TestCase("a b")]
    [TestCase("a/b")]
    [TestCase("..")]
    [TestCase("a.b")]
    [TestCase("j\u00fcrgen")]
    [TestCase("tab\t")]
    public void CreateUser_InvalidId_InvalidId(string id)
    {
        // Act
        var outcome = Accounts.CreateUser(id, "s3cret", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.InvalidId));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public void CreateUser_IdLongerThanMaximum_InvalidId()
    {
        Assert.That(Accounts.CreateUser(new string('a', UserId.MaxLength + 1), "s3cret", null), Is.EqualTo(UserChange.InvalidId));
    }

    [Test]
    public void CreateUser_IdOfMaximumLengthWithDashAndUnderscore_Done()
    {
        Assert.That(Accounts.CreateUser("a-b_" + new string('c', UserId.MaxLength - 4), "s3cret", null), Is.EqualTo(UserChange.Done));
    }

    [Test]
    public void CreateUser_EmptyPassword_InvalidPassword()
    {
        Assert.That(Accounts.CreateUser("bob", string.Empty, null), Is.EqualTo(UserChange.InvalidPassword));
    }

    [Test]
    public void CreateUser_PasswordOverBcryptLimit_InvalidPasswordAndNothingSaved()
    {
        // Act: 37 two-byte characters are 74 UTF-8 bytes.
        var outcome = Accounts.CreateUser("bob", new string('\u00e9', 37), null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.InvalidPassword));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [TestCase("bob")]
    [TestCase("Bob")]
    public void CreateUser_IdWhoseFileIsUnreadable_UnreadableAndNothingSaved(string id)
    {
        // Arrange
        Repository.PutUnreadable(new UnreadableUserFile("bob", "users/bob/config.xml", "unexpected end of file", 12, 3));
        Accounts.Reload();

        // Act
        var outcome = Accounts.CreateUser(id, "s3cret", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Unreadable));
            Assert.That(Repository.Saved, Is.Empty);
            Assert.That(Accounts.Find("bob"), Is.Null);
        });
    }

    [Test]
    public void CreateUser_LegacyGenerationOnCreation_RandomLegacyTokenThatWorks()
    {
        // Arrange
        Harness.Settings = ApiTokenSettings.Default with { TokenGenerationOnCreationEnabled = true };

        // Act
        Accounts.CreateUser("bob", "s3cret", null);

        // Assert
        var bob = Accounts.Find("bob")!;
        Assert.Multiple(() =>
        {
            Assert.That(bob.Legacy, Is.Not.Null);
            Assert.That(bob.Tokens.Legacy, Is.Not.Null);
            Assert.That(bob.Tokens.Legacy?.CreationDate, Is.Null);
            Assert.That(bob.Tokens.Legacy?.Hash.IsSalted, Is.True);
            Assert.That(Harness.TokenWorks("bob", bob.Legacy!.UserFacingValue), Is.True);
        });
    }

    [Test]
    public async Task DeleteUser_Existing_TokensAndPasswordFailAtOnce()
    {
        // Arrange
        Harness.TokenWorks("alice", TokenGold.NewToken);

        // Act
        var outcome = Accounts.DeleteUser("ALICE");

        // Assert
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Done));
            Assert.That(string.Join(",", Repository.Deleted), Is.EqualTo("alice"));
            Assert.That(Accounts.Find("alice"), Is.Null);
            Assert.That(await Accounts.AuthenticateAsync("alice", TokenGold.NewToken, passwordsAllowed: true),
                Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials)));
            Assert.That(Harness.PasswordWorks("alice", TokenGold.Password), Is.False);
            Assert.That(Accounts.Usage.UsageOf("alice", "t1"), Is.EqualTo(TokenUsage.Never));
        });
    }

    [Test]
    public void DeleteUser_Unknown_UnknownUser()
    {
        // Act
        var outcome = Accounts.DeleteUser("mallory");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.UnknownUser));
            Assert.That(Repository.Deleted, Is.Empty);
        });
    }

    [Test]
    public void DeleteUser_ThenCreateSameId_NewUserWithoutOldTokens()
    {
        // Arrange
        Accounts.DeleteUser("alice");

        // Act
        var outcome = Accounts.CreateUser("alice", "s3cret", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Done));
            Assert.That(Harness.TokenWorks("alice", TokenGold.NewToken), Is.False);
        });
    }

    [Test]
    public void ChangePassword_Existing_OldFailsNewWorksAtOnce()
    {
        // Act
        var outcome = Accounts.ChangePassword("alice", "brand new");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Done));
            Assert.That(Harness.PasswordWorks("alice", TokenGold.Password), Is.False);
            Assert.That(Harness.PasswordWorks("alice", "brand new"), Is.True);
            Assert.That(PasswordHash.Verify(Repository.Stored("alice")!.PasswordHash, "brand new"), Is.True);
        });
    }

    [Test]
    public void ChangePassword_Existing_TokensUntouched()
    {
        // Act
        Accounts.ChangePassword("alice", "brand new");

        // Assert
        Assert.That(Harness.TokenWorks("alice", TokenGold.NewToken), Is.True);
    }

    [Test]
    public void ChangePassword_UnknownUser_UnknownUser()
    {
        Assert.That(Accounts.ChangePassword("mallory", "brand new"), Is.EqualTo(UserChange.UnknownUser));
    }

    [TestCase("")]
    [TestCase("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9")]
    public void ChangePassword_InvalidPassword_RefusedAndOldStillWorks(string password)
    {
        // Act
        var outcome = Accounts.ChangePassword("alice", password);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.InvalidPassword));
            Assert.That(Repository.Saved, Is.Empty);
            Assert.That(Harness.PasswordWorks("alice", TokenGold.Password), Is.True);
        });
    }

    [Test]
    public void Reload_RepositoryChanged_NewStateReplacesOld()
    {
        // Arrange
        Repository.Delete("alice");
        Repository.Put(new User("bob", "Bob", null, TokenGold.PasswordHash, ApiTokenStore.Empty, null));
        Repository.PutUnreadable(new UnreadableUserFile("carol", "users/carol/config.xml", "bad", 1, 1));

        // Act
        Accounts.Reload();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.Null);
            Assert.That(Accounts.Find("bob")?.FullName, Is.EqualTo("Bob"));
            Assert.That(string.Join(",", Accounts.Unreadable.Select(u => u.UserId)), Is.EqualTo("carol"));
            Assert.That(Accounts.IsUnreadable("CAROL"), Is.True);
        });
    }

    [Test]
    public void All_SeveralUsers_SortedByIdIgnoringCase()
    {
        // Arrange
        Repository.Put(new User("Bob", "Bob", null, null, ApiTokenStore.Empty, null));
        Repository.Put(new User("carol", "Carol", null, null, ApiTokenStore.Empty, null));

        // Act
        Accounts.Reload();

        // Assert
        Assert.That(string.Join(",", Accounts.All.Select(u => u.Id)), Is.EqualTo("alice,Bob,carol"));
    }
}
