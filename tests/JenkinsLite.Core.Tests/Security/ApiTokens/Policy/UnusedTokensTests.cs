using JenkinsLite.Core.Security.ApiTokens.Policy;
using JenkinsLite.Core.Tests.Users;

namespace JenkinsLite.Core.Tests.Security.ApiTokens.Policy;

internal sealed class UnusedTokensTests
{
    [Test]
    public void ToSweep_NoLimit_NothingEvenIfAncient()
    {
        using var harness = new AccountsHarness();
        harness.AddUser("alice", AccountsHarness.SaltedToken("u1", "old", "00112233445566778899aabbccddeeff"));
        harness.Clock.Advance(TimeSpan.FromDays(1000));
        Assert.That(UnusedTokens.ToSweep(harness.Accounts, ApiTokenPolicy.None, harness.Clock.GetUtcNow()), Is.Empty);
    }

    [Test]
    public void ToSweep_NeverUsed_CountsFromCreation_UsedCountsFromLastUse()
    {
        // Arrange: both created a day before Start; one is used on day 20
        using var harness = new AccountsHarness();
        harness.AddUser("alice",
            AccountsHarness.SaltedToken("never", "never-used", "00112233445566778899aabbccddeeff"),
            AccountsHarness.SaltedToken("used", "used", "ffeeddccbbaa99887766554433221100"));
        harness.Clock.Advance(TimeSpan.FromDays(20));
        harness.Accounts.Usage.RecordUse("alice", "used");
        var policy = ApiTokenPolicy.None with { MaxUnusedDays = 30 };

        // Act
        harness.Clock.Advance(TimeSpan.FromDays(10));
        var onDay30 = UnusedTokens.ToSweep(harness.Accounts, policy, harness.Clock.GetUtcNow());
        harness.Clock.Advance(TimeSpan.FromDays(20));
        var onDay50 = UnusedTokens.ToSweep(harness.Accounts, policy, harness.Clock.GetUtcNow());

        // Assert
        Assert.That(onDay30.Select(t => (t.Uuid, t.UnusedDays)), Is.EqualTo(((string, int)[])[("never", 31)]));
        Assert.That(onDay50.Select(t => t.Uuid), Is.EquivalentTo((string[])["never", "used"]));
    }

    [Test]
    public void ToSweep_NoCreationAndNeverUsed_CannotBeJudged()
    {
        using var harness = new AccountsHarness();
        harness.AddLegacyUser("bob", "0123456789abcdef0123456789abcdef");
        harness.Clock.Advance(TimeSpan.FromDays(400));
        Assert.That(UnusedTokens.ToSweep(harness.Accounts, ApiTokenPolicy.None with { MaxUnusedDays = 1 }, harness.Clock.GetUtcNow()), Is.Empty);
    }
}
