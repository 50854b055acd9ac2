using JenkinsLite.Core.Security.ApiTokens.Policy;

namespace JenkinsLite.Core.Tests.Security.ApiTokens.Policy;

internal sealed class ApiTokenPolicyTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Test]
    public void RefusalOfNewToken_NoPolicy_AllowsEverything() =>
        Assert.That(ApiTokenPolicy.None.RefusalOfNewToken(null, Today, "full", creatorIsAdmin: false), Is.Null);

    [TestCase(null, "The token must expire within 90 days (policy)")]
    [TestCase(91, "The token must expire within 90 days (policy)")]
    [TestCase(90, null)]
    public void RefusalOfNewToken_MaxLifetime_NamesTheRule(int? days, string? expected)
    {
        var policy = ApiTokenPolicy.None with { MaxLifetimeDays = 90 };
        DateOnly? expiration = days is { } d ? Today.AddDays(d) : null;
        Assert.That(policy.RefusalOfNewToken(expiration, Today, "full", creatorIsAdmin: true), Is.EqualTo(expected));
    }

    [Test]
    public void RefusalOfNewToken_RequireExpiration_RefusesNever()
    {
        var policy = ApiTokenPolicy.None with { RequireExpiration = true };
        Assert.Multiple(() =>
        {
            Assert.That(policy.RefusalOfNewToken(null, Today, "full", false), Is.EqualTo("The token must have an expiration date (policy)"));
            Assert.That(policy.RefusalOfNewToken(Today.AddYears(5), Today, "full", false), Is.Null);
        });
    }

    [Test]
    public void RefusalOfNewToken_AllowedScopes_BindNonAdminsOnly()
    {
        var policy = ApiTokenPolicy.None with { AllowedScopes = ["read", "build"] };
        Assert.Multiple(() =>
        {
            Assert.That(policy.RefusalOfNewToken(null, Today, "full", false), Does.Contain("'full' is not allowed").And.EndWith("(policy)"));
            Assert.That(policy.RefusalOfNewToken(null, Today, "read", false), Is.Null);
            Assert.That(policy.RefusalOfNewToken(null, Today, "full", true), Is.Null);
        });
    }

    [TestCase(-1, false)]
    [TestCase(0, true)]
    [TestCase(7, true)]
    [TestCase(8, false)]
    public void IsExpiringSoon_WithinWarningWindowOnly(int daysLeft, bool expected) =>
        Assert.That(ApiTokenPolicy.None.IsExpiringSoon(Today.AddDays(daysLeft), Today), Is.EqualTo(expected));

    [Test]
    public void IsViolatedBy_TokenOlderThanALaterPolicy()
    {
        var policy = ApiTokenPolicy.None with { MaxLifetimeDays = 30 };
        Assert.Multiple(() =>
        {
            Assert.That(policy.IsViolatedBy(null, Today, "full", false), Is.True);
            Assert.That(policy.IsViolatedBy(Today.AddDays(60), Today, "full", false), Is.True);
            Assert.That(policy.IsViolatedBy(Today.AddDays(20), Today, "full", false), Is.False);
        });
    }

    [Test]
    public void Input_GoodFields_ChangeOnlyWhatIsSent()
    {
        var current = ApiTokenPolicy.None with { MaxUnusedDays = 40 };
        var (policy, problems) = ApiTokenPolicyInput.Apply(current, new Dictionary<string, string?>
        {
            ["maxLifetimeDays"] = "90",
            ["requireExpiration"] = "on",
            ["allowedScopes"] = "build, read",
        });
        Assert.That(problems, Is.Empty);
        Assert.That(policy, Is.EqualTo(current with { MaxLifetimeDays = 90, RequireExpiration = true, AllowedScopes = policy!.AllowedScopes }));
        Assert.That(policy.AllowedScopes, Is.EqualTo((string[])["read", "build"]));
    }

    [Test]
    public void Input_BadFields_NameEveryOneAndGiveNoPolicy()
    {
        var (policy, problems) = ApiTokenPolicyInput.Apply(ApiTokenPolicy.None, new Dictionary<string, string?>
        {
            ["maxLifetimeDays"] = "-3",
            ["maxUnusedDays"] = "many",
            ["requireExpiration"] = "maybe",
            ["allowedScopes"] = "read,root",
        });
        Assert.That(policy, Is.Null);
        Assert.That(string.Join("\n", problems), Does.Contain("maxLifetimeDays").And.Contain("'-3'").And.Contain("'many'").And.Contain("'maybe'").And.Contain("root"));
        Assert.That(problems, Has.Count.EqualTo(4));
    }

    [Test]
    public void Input_AllScopes_MeansNoRestriction()
    {
        var (policy, _) = ApiTokenPolicyInput.Apply(ApiTokenPolicy.None with { AllowedScopes = ["read"] },
            new Dictionary<string, string?> { ["allowedScopes"] = "all" });
        Assert.That(policy!.AllowedScopes, Is.Null);
    }
}
