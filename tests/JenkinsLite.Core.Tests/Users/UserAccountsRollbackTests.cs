using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Tests.Security.ApiTokens;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

/// <summary>
/// A change is saved before it is published: when the save fails nothing changes in memory, so no
/// token can exist that its owner was never shown, and no shown token can be missing from the disk.
/// </summary>
internal sealed class UserAccountsRollbackTests : AccountsTestBase
{
    private const string LegacySecret = "7f1c0e9b2a4d6f8e0b1c2d3e4f5a6b7c";
    private const string LegacyValue = "9163993ca258d9a73a8d915637bfb8fd";

    private User _before = null!;

    [SetUp]
    public void AddAliceAndFailSaves()
    {
        _before = Harness.AddLegacyUser("alice", LegacySecret,
            AccountsHarness.SaltedToken("t1", "one", TokenGold.NewTokenSecret));
        Repository.FailSaves = true;
    }

    [Test]
    public void GenerateToken_SaveFails_ThrowsAndUserUnchanged()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.GenerateToken("alice", "new", null));

        // Assert
        Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
    }

    [Test]
    public void AddFixedToken_SaveFails_WouldBeTokenNeverAuthenticates()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.AddFixedToken("alice", "fixed", TokenGold.FixedToken, null));
        Repository.FailSaves = false;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Harness.TokenWorks("alice", TokenGold.FixedToken), Is.False);
            Assert.That(Accounts.Find("alice")!.Tokens.Tokens, Has.Length.EqualTo(2));
        });
    }

    [Test]
    public void RenameToken_SaveFails_OldNameKept()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.RenameToken("alice", "t1", "renamed"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
            Assert.That(Accounts.Find("alice")!.Tokens.Find("t1")!.Name, Is.EqualTo("one"));
        });
    }

    [Test]
    public void RevokeToken_SaveFails_TokenStillWorks()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.RevokeToken("alice", "t1"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
            Assert.That(Harness.TokenWorks("alice", TokenGold.NewToken), Is.True);
        });
    }

    [Test]
    public void RevokeToken_SaveFails_UsageOfTheTokenKept()
    {
        // Arrange
        Harness.TokenWorks("alice", TokenGold.NewToken);

        // Act
        Assert.Throws<IOException>(() => Accounts.RevokeToken("alice", "t1"));

        // Assert: the token is still there, so its statistics must be too.
        Assert.That(Accounts.Usage.UsageOf("alice", "t1").UseCount, Is.EqualTo(1));
    }

    [Test]
    public void RevokeAllTokens_SaveFails_EveryTokenStillWorks()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.RevokeAllTokens("alice"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
            Assert.That(Harness.TokenWorks("alice", TokenGold.NewToken), Is.True);
            Assert.That(Harness.TokenWorks("alice", LegacyValue), Is.True);
        });
    }

    [Test]
    public void RevokeAllTokensExcept_SaveFails_EveryTokenStillWorks()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.RevokeAllTokensExcept("alice", "t1"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
            Assert.That(Harness.TokenWorks("alice", LegacyValue), Is.True);
        });
    }

    [Test]
    public void RevokeLegacyToken_SaveFails_LegacyStillWorks()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.RevokeLegacyToken("alice", _before.Tokens.Legacy!.Uuid));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
            Assert.That(Harness.TokenWorks("alice", LegacyValue), Is.True);
        });
    }

    [Test]
    public void ChangeLegacyToken_SaveFails_OldLegacyStillWorks()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.ChangeLegacyToken("alice"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
            Assert.That(Harness.TokenWorks("alice", LegacyValue), Is.True);
        });
    }

    [Test]
    public void ChangeLegacyToken_SaveFails_UsageOfTheOldLegacyKept()
    {
        // Arrange
        Harness.TokenWorks("alice", LegacyValue);

        // Act
        Assert.Throws<IOException>(() => Accounts.ChangeLegacyToken("alice"));

        // Assert
        Assert.That(Accounts.Usage.UsageOf("alice", _before.Tokens.Legacy!.Uuid).UseCount, Is.EqualTo(1));
    }

    [Test]
    public void ChangePassword_SaveFails_OldPasswordStillWorks()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.ChangePassword("alice", "new password"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
            Assert.That(Harness.PasswordWorks("alice", TokenGold.Password), Is.True);
        });
    }

    [Test]
    public void CreateUser_SaveFails_UserDoesNotExist()
    {
        // Act
        Assert.Throws<IOException>(() => Accounts.CreateUser("bob", "secret", null));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("bob"), Is.Null);
            Assert.That(Harness.PasswordWorks("bob", "secret"), Is.False);
        });
    }

    [Test]
    public void DeleteUser_DeleteFails_UserStillWorks()
    {
        // Arrange
        Repository.FailSaves = false;
        Repository.DeleteFailure = new IOException("busy (test)");

        // Act
        Assert.Throws<IOException>(() => Accounts.DeleteUser("alice"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Accounts.Find("alice"), Is.SameAs(_before));
            Assert.That(Harness.TokenWorks("alice", TokenGold.NewToken), Is.True);
        });
    }

    [Test]
    public void GenerateToken_SaveFailsThenSucceeds_OnlyTheShownTokenExists()
    {
        // Arrange
        Assert.Throws<IOException>(() => Accounts.GenerateToken("alice", "lost", null));
        Repository.FailSaves = false;

        // Act
        var shown = Accounts.GenerateToken("alice", "shown", null).Token!;

        // Assert
        var stored = Repository.Stored("alice")!;
        Assert.Multiple(() =>
        {
            Assert.That(stored.Tokens.Tokens.Select(t => t.Name), Has.No.Member("lost"));
            Assert.That(stored.Tokens.Find(shown.Uuid), Is.Not.Null);
            Assert.That(Accounts.Find("alice")!.Tokens.Tokens.Select(t => t.Name), Has.No.Member("lost"));
        });
    }
}
