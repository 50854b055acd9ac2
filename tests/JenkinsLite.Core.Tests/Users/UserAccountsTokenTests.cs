using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Tests.Security.ApiTokens;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

internal sealed class UserAccountsTokenTests : AccountsTestBase
{
    private const string LegacySecret = "7f1c0e9b2a4d6f8e0b1c2d3e4f5a6b7c";
    private const string LegacyValue = "9163993ca258d9a73a8d915637bfb8fd"; // MD5 of LegacySecret (api-tokens.md 5.3, V2)

    [SetUp]
    public void AddAlice()
    {
        Harness.AddUser("alice");
    }

    private string LegacyUuid(string userId) => Accounts.Find(userId)!.Tokens.Legacy!.Uuid;

    [Test]
    public async Task GenerateToken_Named_ValueInJenkinsShapeThatAuthenticates()
    {
        // Act
        var result = Accounts.GenerateToken("alice", "  ci-bot  ", null);

        // Assert
        Assert.That(result.Outcome, Is.EqualTo(TokenChange.Done));
        var token = result.Token!;
        var auth = await Accounts.AuthenticateAsync("alice", token.PlainValue, passwordsAllowed: false);
        Assert.Multiple(() =>
        {
            Assert.That(token.PlainValue, Does.Match("^11[0-9a-f]{32}$"));
            Assert.That(token.Name, Is.EqualTo("ci-bot"));
            Assert.That(token.ExpirationDate, Is.Null);
            Assert.That(auth, Is.InstanceOf<AuthenticationResult.ByToken>());
            Assert.That((auth as AuthenticationResult.ByToken)?.Token.Uuid, Is.EqualTo(token.Uuid));
        });
    }

    [Test]
    public void GenerateToken_Named_RepositoryGetsOnlyASaltedHash()
    {
        // Act
        var token = Accounts.GenerateToken("alice", "ci-bot", null).Token!;

        // Assert
        var stored = Repository.Stored("alice")!.Tokens.Find(token.Uuid);
        Assert.That(stored, Is.Not.Null);
        var secret = token.PlainValue[2..];
        Assert.Multiple(() =>
        {
            Assert.That(stored!.Name, Is.EqualTo("ci-bot"));
            Assert.That(stored.CreationDate, Is.EqualTo(AccountsHarness.Start));
            Assert.That(stored.Hash.Version, Is.EqualTo(TokenHash.SaltedVersion));
            Assert.That(stored.Hash.HashHex, Is.Not.EqualTo(TokenHash.Unsalted(secret, legacy: false).HashHex));
            Assert.That(stored.Hash.HashHex + stored.Hash.SaltHex + stored.Name, Does.Not.Contain(secret));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void GenerateToken_BlankName_DefaultNameWithCreationTime(string? name)
    {
        // Act
        var result = Accounts.GenerateToken("alice", name, null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Token!.Name, Is.EqualTo("Token created on 2026-01-15T10:00:00.000Z"));
            Assert.That(Accounts.Find("alice")!.Tokens.Find(result.Token.Uuid)!.Name, Is.EqualTo(result.Token.Name));
        });
    }

    [Test]
    public void GenerateToken_TwoCalls_DifferentValuesBothWorking()
    {
        // Act
        var first = Accounts.GenerateToken("alice", "one", null).Token!;
        var second = Accounts.GenerateToken("alice", "two", null).Token!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.PlainValue, Is.Not.EqualTo(second.PlainValue));
            Assert.That(first.Uuid, Is.Not.EqualTo(second.Uuid));
            Assert.That(Harness.TokenWorks("alice", first.PlainValue), Is.True);
            Assert.That(Harness.TokenWorks("alice", second.PlainValue), Is.True);
        });
    }

    [Test]
    public async Task GenerateToken_FutureExpiration_WorksUntilThenExpired()
    {
        // Arrange
        var expiration = Harness.Today.AddDays(30);

        // Act
        var token = Accounts.GenerateToken("alice", "deploy", expiration).Token!;
        var before = Harness.TokenWorks("alice", token.PlainValue);
        Harness.Clock.Advance(TimeSpan.FromDays(31));
        var after = await Accounts.AuthenticateAsync("alice", token.PlainValue, passwordsAllowed: false);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(token.ExpirationDate, Is.EqualTo(expiration));
            Assert.That(Repository.Stored("alice")!.Tokens.Find(token.Uuid)!.ExpirationDate, Is.EqualTo(expiration));
            Assert.That(before, Is.True);
            Assert.That(after, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.TokenExpired)));
        });
    }

    [Test]
    public void GenerateToken_ExpiringToday_Done()
    {
        // Act
        var result = Accounts.GenerateToken("alice", "today", Harness.Today);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Harness.TokenWorks("alice", result.Token!.PlainValue), Is.True);
        });
    }

    [Test]
    public void GenerateToken_ExpirationInThePast_RefusedAndNothingSaved()
    {
        // Act
        var result = Accounts.GenerateToken("alice", "old", Harness.Today.AddDays(-1));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.ExpirationInPast));
            Assert.That(result.Token, Is.Null);
            Assert.That(Repository.Saved, Is.Empty);
            Assert.That(Accounts.Find("alice")!.Tokens.Tokens, Is.Empty);
        });
    }

    [Test]
    public void GenerateToken_UnknownUser_UnknownUserAndNoValue()
    {
        // Act
        var result = Accounts.GenerateToken("mallory", "x", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.UnknownUser));
            Assert.That(result.Token, Is.Null);
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public void GenerateToken_NameOfMaximumLength_Done()
    {
        Assert.That(Accounts.GenerateToken("alice", new string('n', UserAccounts.MaxTokenNameLength), null).Outcome,
            Is.EqualTo(TokenChange.Done));
    }

    [Test]
    public void GenerateToken_NameTooLong_Refused()
    {
        // Act
        var result = Accounts.GenerateToken("alice", new string('n', UserAccounts.MaxTokenNameLength + 1), null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.NameTooLong));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [TestCase("line\nbreak")]
    [TestCase("nul\0")]
    [TestCase("\u0007bell")]
    public void GenerateToken_NameWithControlCharacter_Refused(string name)
    {
        // Act
        var result = Accounts.GenerateToken("alice", name, null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.InvalidName));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public void AddFixedToken_JenkinsTestValue_ValueAndItsSecretAuthenticate()
    {
        // Act
        var result = Accounts.AddFixedToken("alice", "fixed", TokenGold.FixedToken, null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(result.Token!.PlainValue, Is.EqualTo(TokenGold.FixedToken));
            Assert.That(Harness.TokenWorks("alice", TokenGold.FixedToken), Is.True);
            Assert.That(Harness.TokenWorks("alice", TokenGold.FixedTokenSecret), Is.True);
            Assert.That(Repository.Stored("alice")!.Tokens.Tokens.Single().Hash.HashHex, Is.Not.EqualTo(TokenGold.FixedTokenHash));
        });
    }

    [Test]
    public void AddFixedToken_UppercaseValue_LowercaseValueAuthenticates()
    {
        // Act
        var result = Accounts.AddFixedToken("alice", "fixed", TokenGold.FixedToken.ToUpperInvariant(), null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Harness.TokenWorks("alice", TokenGold.FixedToken), Is.True);
        });
    }

    [TestCase("110123456789abcdef0123456789abcdefg")]
    [TestCase("110123456789abcdef0123456789abcde")]
    [TestCase("110123456789abcdef0123456789abcdeg")]
    [TestCase("120123456789abcdef0123456789abcdef")]
    public void AddFixedToken_InvalidValue_RefusedAndNothingAdded(string value)
    {
        // Act
        var result = Accounts.AddFixedToken("alice", "fixed", value, null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.InvalidValue));
            Assert.That(Repository.Saved, Is.Empty);
            Assert.That(Accounts.Find("alice")!.Tokens.Tokens, Is.Empty);
        });
    }

    [Test]
    public void AddFixedToken_ExpirationInThePast_RefusedAndNeverAuthenticates()
    {
        // Act
        var result = Accounts.AddFixedToken("alice", "fixed", TokenGold.FixedToken, Harness.Today.AddDays(-1));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TokenChange.ExpirationInPast));
            Assert.That(Harness.TokenWorks("alice", TokenGold.FixedToken), Is.False);
        });
    }

    [Test]
    public void AddFixedToken_UnknownUser_UnknownUser()
    {
        Assert.That(Accounts.AddFixedToken("mallory", "fixed", TokenGold.FixedToken, null).Outcome, Is.EqualTo(TokenChange.UnknownUser));
    }

    [Test]
    public void RenameToken_KnownToken_NewNameSavedAndTokenStillWorks()
    {
        // Arrange
        var token = Accounts.GenerateToken("alice", "old", null).Token!;

        // Act
        var outcome = Accounts.RenameToken("alice", token.Uuid, "  new name ");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Accounts.Find("alice")!.Tokens.Find(token.Uuid)!.Name, Is.EqualTo("new name"));
            Assert.That(Repository.Stored("alice")!.Tokens.Find(token.Uuid)!.Name, Is.EqualTo("new name"));
            Assert.That(Harness.TokenWorks("alice", token.PlainValue), Is.True);
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void RenameToken_BlankName_BlankNameAndUnchanged(string? name)
    {
        // Arrange
        var token = Accounts.GenerateToken("alice", "old", null).Token!;

        // Act
        var outcome = Accounts.RenameToken("alice", token.Uuid, name);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.BlankName));
            Assert.That(Accounts.Find("alice")!.Tokens.Find(token.Uuid)!.Name, Is.EqualTo("old"));
        });
    }

    [Test]
    public void RenameToken_NameTooLong_Refused()
    {
        // Arrange
        var token = Accounts.GenerateToken("alice", "old", null).Token!;

        // Act, Assert
        Assert.That(Accounts.RenameToken("alice", token.Uuid, new string('n', UserAccounts.MaxTokenNameLength + 1)),
            Is.EqualTo(TokenChange.NameTooLong));
    }

    [Test]
    public void RenameToken_UnknownUuid_UnknownTokenAndNothingSaved()
    {
        // Act
        var outcome = Accounts.RenameToken("alice", "no-such-uuid", "name");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.UnknownToken));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public void RenameToken_UnknownUser_UnknownUser()
    {
        Assert.That(Accounts.RenameToken("mallory", "uuid", "name"), Is.EqualTo(TokenChange.UnknownUser));
    }

    [Test]
    public void RevokeToken_KnownToken_ThatTokenFailsOthersWork()
    {
        // Arrange
        var revoked = Accounts.GenerateToken("alice", "one", null).Token!;
        var kept = Accounts.GenerateToken("alice", "two", null).Token!;

        // Act
        var outcome = Accounts.RevokeToken("alice", revoked.Uuid);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Harness.TokenWorks("alice", revoked.PlainValue), Is.False);
            Assert.That(Harness.TokenWorks("alice", kept.PlainValue), Is.True);
            Assert.That(Repository.Stored("alice")!.Tokens.Find(revoked.Uuid), Is.Null);
        });
    }

    [Test]
    public void RevokeToken_UsedToken_UsageForgotten()
    {
        // Arrange
        var token = Accounts.GenerateToken("alice", "one", null).Token!;
        Harness.TokenWorks("alice", token.PlainValue);

        // Act
        Accounts.RevokeToken("alice", token.Uuid);

        // Assert
        Assert.That(Accounts.Usage.UsageOf("alice", token.Uuid), Is.EqualTo(TokenUsage.Never));
    }

    [Test]
    public void RevokeToken_UnknownUuid_DoneWithoutSaving()
    {
        // Act: Jenkins answers 200 for an unknown uuid.
        var outcome = Accounts.RevokeToken("alice", "no-such-uuid");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public void RevokeToken_UnknownUser_UnknownUser()
    {
        Assert.That(Accounts.RevokeToken("mallory", "uuid"), Is.EqualTo(TokenChange.UnknownUser));
    }

    [Test]
    public void RevokeToken_LegacyEntry_LegacyValueFailsAndApiTokenCleared()
    {
        // Arrange
        Harness.AddLegacyUser("carol", LegacySecret);

        // Act
        var outcome = Accounts.RevokeToken("carol", LegacyUuid("carol"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Harness.TokenWorks("carol", LegacyValue), Is.False);
            Assert.That(Accounts.Find("carol")!.Legacy, Is.Null);
            Assert.That(Repository.Stored("carol")!.Legacy, Is.Null);
        });
    }

    [Test]
    public void RevokeToken_OtherThanLegacy_LegacyKept()
    {
        // Arrange
        Harness.AddLegacyUser("carol", LegacySecret, AccountsHarness.SaltedToken("t1", "new", TokenGold.NewTokenSecret));

        // Act
        Accounts.RevokeToken("carol", "t1");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Harness.TokenWorks("carol", LegacyValue), Is.True);
            Assert.That(Accounts.Find("carol")!.Legacy, Is.Not.Null);
        });
    }

    [Test]
    public void RevokeAllTokens_LegacyAndNew_NoneWorksAndApiTokenCleared()
    {
        // Arrange
        Harness.AddLegacyUser("carol", LegacySecret, AccountsHarness.SaltedToken("t1", "new", TokenGold.NewTokenSecret));
        Accounts.AddFixedToken("carol", "fixed", TokenGold.FixedToken, null);

        // Act
        var outcome = Accounts.RevokeAllTokens("carol");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Harness.TokenWorks("carol", LegacyValue), Is.False);
            Assert.That(Harness.TokenWorks("carol", TokenGold.NewToken), Is.False);
            Assert.That(Harness.TokenWorks("carol", TokenGold.FixedToken), Is.False);
            Assert.That(Accounts.Find("carol")!.Tokens.Tokens, Is.Empty);
            Assert.That(Repository.Stored("carol")!.Legacy, Is.Null);
        });
    }

    [Test]
    public void RevokeAllTokens_UnknownUser_UnknownUser()
    {
        Assert.That(Accounts.RevokeAllTokens("mallory"), Is.EqualTo(TokenChange.UnknownUser));
    }

    [Test]
    public void RevokeAllTokensExcept_NewToken_OnlyThatOneWorks()
    {
        // Arrange
        Harness.AddLegacyUser("carol", LegacySecret, AccountsHarness.SaltedToken("t1", "new", TokenGold.NewTokenSecret));
        var kept = Accounts.AddFixedToken("carol", "fixed", TokenGold.FixedToken, null).Token!;

        // Act
        var outcome = Accounts.RevokeAllTokensExcept("carol", kept.Uuid);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Harness.TokenWorks("carol", TokenGold.FixedToken), Is.True);
            Assert.That(Harness.TokenWorks("carol", TokenGold.NewToken), Is.False);
            Assert.That(Harness.TokenWorks("carol", LegacyValue), Is.False);
            Assert.That(Accounts.Find("carol")!.Legacy, Is.Null);
        });
    }

    [Test]
    public void RevokeAllTokensExcept_LegacyEntry_LegacyKept()
    {
        // Arrange
        Harness.AddLegacyUser("carol", LegacySecret, AccountsHarness.SaltedToken("t1", "new", TokenGold.NewTokenSecret));

        // Act
        Accounts.RevokeAllTokensExcept("carol", LegacyUuid("carol"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Harness.TokenWorks("carol", LegacyValue), Is.True);
            Assert.That(Harness.TokenWorks("carol", TokenGold.NewToken), Is.False);
            Assert.That(Accounts.Find("carol")!.Legacy, Is.Not.Null);
        });
    }

    [Test]
    public void RevokeLegacyToken_LegacyUuid_RemovedApiTokenClearedUsageKept()
    {
        // Arrange
        Harness.AddLegacyUser("carol", LegacySecret, AccountsHarness.SaltedToken("t1", "new", TokenGold.NewTokenSecret));
        var uuid = LegacyUuid("carol");
        Harness.TokenWorks("carol", LegacyValue);

        // Act
        Accounts.RevokeLegacyToken("carol", uuid);

        // Assert: the monitor's bulk revoke leaves the stats entry, as Jenkins does.
        Assert.Multiple(() =>
        {
            Assert.That(Harness.TokenWorks("carol", LegacyValue), Is.False);
            Assert.That(Harness.TokenWorks("carol", TokenGold.NewToken), Is.True);
            Assert.That(Repository.Stored("carol")!.Legacy, Is.Null);
            Assert.That(Accounts.Usage.UsageOf("carol", uuid).UseCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void RevokeLegacyToken_UuidOfANewToken_Skipped()
    {
        // Arrange
        Harness.AddLegacyUser("carol", LegacySecret, AccountsHarness.SaltedToken("t1", "new", TokenGold.NewTokenSecret));

        // Act
        Accounts.RevokeLegacyToken("carol", "t1");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Harness.TokenWorks("carol", TokenGold.NewToken), Is.True);
            Assert.That(Harness.TokenWorks("carol", LegacyValue), Is.True);
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public void ChangeLegacyToken_UserWithLegacy_NewValueWorksOldFails()
    {
        // Arrange
        Harness.AddLegacyUser("carol", LegacySecret);
        var oldUuid = LegacyUuid("carol");
        Harness.TokenWorks("carol", LegacyValue);

        // Act
        var (outcome, value) = Accounts.ChangeLegacyToken("carol");

        // Assert
        var user = Accounts.Find("carol")!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(value, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(Harness.TokenWorks("carol", value!), Is.True);
            Assert.That(Harness.TokenWorks("carol", LegacyValue), Is.False);
            Assert.That(user.Tokens.Tokens.Count(t => t.IsLegacy), Is.EqualTo(1));
            Assert.That(user.Tokens.Legacy!.Uuid, Is.Not.EqualTo(oldUuid));
            Assert.That(user.Tokens.Legacy.CreationDate, Is.EqualTo(AccountsHarness.Start));
            Assert.That(user.Legacy!.UserFacingValue, Is.EqualTo(value));
            Assert.That(Repository.Stored("carol")!.Legacy!.UserFacingValue, Is.EqualTo(value));
            Assert.That(Accounts.Usage.UsageOf("carol", oldUuid), Is.EqualTo(TokenUsage.Never));
        });
    }

    [Test]
    public void ChangeLegacyToken_NoLegacyAndCreationDisabled_NotAllowed()
    {
        // Act
        var (outcome, value) = Accounts.ChangeLegacyToken("alice");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.NotAllowed));
            Assert.That(value, Is.Null);
            Assert.That(Repository.Saved, Is.Empty);
        });
    }

    [Test]
    public void ChangeLegacyToken_NoLegacyAndCreationEnabled_Created()
    {
        // Arrange
        Harness.Settings = ApiTokenSettings.Default with { CreationOfLegacyTokenEnabled = true };

        // Act
        var (outcome, value) = Accounts.ChangeLegacyToken("alice");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(TokenChange.Done));
            Assert.That(Harness.TokenWorks("alice", value!), Is.True);
            Assert.That(Accounts.Find("alice")!.Legacy, Is.Not.Null);
        });
    }

    [Test]
    public void ChangeLegacyToken_UnknownUser_UnknownUser()
    {
        Assert.That(Accounts.ChangeLegacyToken("mallory").Outcome, Is.EqualTo(TokenChange.UnknownUser));
    }

    [Test]
    public void TokensOf_SeveralTokens_SortedByNameIgnoringCaseWithUsage()
    {
        // Arrange
        var beta = Accounts.GenerateToken("alice", "beta", null).Token!;
        Accounts.GenerateToken("alice", "Alpha", null);
        Accounts.GenerateToken("alice", "gamma", null);
        Harness.TokenWorks("alice", beta.PlainValue);

        // Act
        var views = Accounts.TokensOf(Accounts.Find("alice")!);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(string.Join(",", views.Select(v => v.Name)), Is.EqualTo("Alpha,beta,gamma"));
            Assert.That(views.Single(v => v.Name == "beta").UseCount, Is.EqualTo(1));
            Assert.That(views.Single(v => v.Name == "gamma").UseCount, Is.Zero);
        });
    }

    [Test]
    public async Task RevokeToken_AUsedToken_ItsSecretIsNoLongerRemembered()
    {
        // Arrange: two tokens used once each, so both secrets are remembered for the quick check (a third one makes
        // more than TokenIndex.CheckedDirectly, below which nothing is remembered)
        var kept = Accounts.GenerateToken("alice", "kept", null).Token!;
        var revoked = Accounts.GenerateToken("alice", "revoked", null).Token!;
        Accounts.GenerateToken("alice", "unused", null);
        _ = await Accounts.AuthenticateAsync("alice", kept.PlainValue, passwordsAllowed: false);
        _ = await Accounts.AuthenticateAsync("alice", revoked.PlainValue, passwordsAllowed: false);
        var before = Accounts.RememberedTokenSecrets;

        // Act
        Accounts.RevokeToken("alice", revoked.Uuid);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(2));
            Assert.That(Accounts.RememberedTokenSecrets, Is.EqualTo(1));
        });
    }
}
