using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

internal sealed class TokenScopeTests
{
    private static readonly Caller Alice = Caller.User("alice");
    private static readonly AuthorizationStrategy Everyone = new FullControlOnceLoggedInAuthorizationStrategy(denyAnonymousReadAccess: true);

    private static readonly string[] ReadIds =
    [
        "hudson.model.Hudson.Read", "hudson.model.Item.Discover", "hudson.model.Item.Read", "hudson.model.Item.ExtendedRead",
        "hudson.model.View.Read", "hudson.model.Computer.ExtendedRead", "hudson.model.Item.Workspace",
    ];

    private static readonly string[] ConfigureIds =
    [
        "hudson.model.Hudson.Read", "hudson.model.Item.Discover", "hudson.model.Item.Read",
        "hudson.model.Item.Configure", "hudson.model.Item.ExtendedRead",
    ];

    private static TokenScope Scope(string name, string[]? permissions = null, params string[] items) =>
        TokenScope.TryCreate(name, permissions, items, out var problem) ?? throw new AssertionException(problem ?? name);

    [TestCase("team-a/*", "team-a/deploy", true)]
    [TestCase("team-a/*", "team-a/sub/deploy", false)]
    [TestCase("team-a/*", "team-b/deploy", false)]
    [TestCase("team-a/**", "team-a/sub/deploy", true)]
    [TestCase("team-a/**", "team-a", false)]
    [TestCase("deploy-*", "deploy-prod", true)]
    [TestCase("deploy-*", "folder/deploy-prod", false)]
    [TestCase("deploy-*", "DEPLOY-prod", true)]
    [TestCase("exact", "exact", true)]
    [TestCase("exact", "exactly", false)]
    [TestCase("a.b", "axb", false)]
    public void Covers_FollowsWildcardRules(string pattern, string item, bool expected)
    {
        Assert.That(Scope("read", null, pattern).Covers(item), Is.EqualTo(expected));
    }

    [Test]
    public void Shows_FolderHoldingACoveredItem_ButNotOtherFolders()
    {
        var scope = Scope("read", null, "team-a/deploy");
        string[] all = ["team-a", "team-a/deploy", "team-a/other", "team-b", "team-b/deploy"];

        Assert.Multiple(() =>
        {
            Assert.That(scope.Shows("team-a", all), Is.True);
            Assert.That(scope.Shows("team-a/deploy", all), Is.True);
            Assert.That(scope.Shows("team-a/other", all), Is.False);
            Assert.That(scope.Shows("team-b", all), Is.False);
        });
    }

    [Test]
    public void ExpandedPermissions_ReadAndBuild_AreTheSpecsLists()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Scope("read").ExpandedPermissionIds, Is.EquivalentTo(ReadIds));
            Assert.That(Scope("build").ExpandedPermissionIds, Does.Contain("hudson.model.Item.Build").And.Contain("hudson.model.Item.Cancel")
                .And.Contain("hudson.model.Item.Workspace").And.Not.Contain("hudson.model.Item.Configure"));
            Assert.That(TokenScope.Full.ExpandedPermissionIds, Is.Empty);
        });
    }

    [Test]
    public void Custom_AddsTheBaseReadsAndWhatItsPermissionsImply()
    {
        var scope = Scope("custom", ["hudson.model.Item.Configure"]);

        Assert.Multiple(() =>
        {
            Assert.That(scope.ExpandedPermissionIds, Is.EquivalentTo(ConfigureIds));
            Assert.That(scope.Allows(Permission.ItemBuild), Is.False);
            Assert.That(scope.Listed.Select(p => p.Id).Single(), Is.EqualTo("hudson.model.Item.Configure"));
        });
    }

    [TestCase("admin", null, "Unknown token scope 'admin'")]
    [TestCase("custom", null, "needs at least one permission")]
    [TestCase("custom", "hudson.model.Item.Fly", "Unknown permission 'hudson.model.Item.Fly'")]
    [TestCase("read", "hudson.model.Item.Build", "only be listed for the custom scope")]
    public void TryCreate_Invalid_NamesTheProblem(string name, string? permission, string expected)
    {
        var scope = TokenScope.TryCreate(name, permission is null ? [] : [permission], [], out var problem);

        Assert.That(scope, Is.Null);
        Assert.That(problem, Does.Contain(expected));
    }

    [TestCase("/abs")]
    [TestCase("trailing/")]
    [TestCase("a//b")]
    public void TryCreate_MalformedItemPattern_IsRefused(string pattern)
    {
        Assert.That(TokenScope.TryCreate("read", [], [pattern], out var problem), Is.Null);
        Assert.That(problem, Does.Contain(pattern));
    }

    [Test]
    public void FromStored_UnknownNameOrPermission_NeverWidens()
    {
        var unknownName = TokenScope.FromStored("superuser", [], []);
        var unknownPermission = TokenScope.FromStored("custom", ["plugin.Permission.Thing"], []);

        Assert.Multiple(() =>
        {
            Assert.That(unknownName.Allows(Permission.ItemBuild), Is.False);
            Assert.That(unknownName.Allows(Permission.ItemRead), Is.True);
            Assert.That(unknownPermission.Allows(Permission.Administer), Is.False);
        });
    }

    [Test]
    public void Check_OwnerAndScope_RefusalSaysWhy()
    {
        var read = Scope("read");
        var nobody = new GlobalMatrixAuthorizationStrategy([]);

        Assert.Multiple(() =>
        {
            Assert.That(Everyone.Check(Alice, Permission.ItemRead, read), Is.EqualTo(PermissionCheck.Granted));
            Assert.That(Everyone.Check(Alice, Permission.ItemBuild, read), Is.EqualTo(PermissionCheck.DeniedByScope));
            Assert.That(Everyone.Check(Alice, Permission.ItemBuild, null), Is.EqualTo(PermissionCheck.Granted));
            Assert.That(nobody.Check(Alice, Permission.ItemRead, read), Is.EqualTo(PermissionCheck.Denied));
        });
    }

    [Test]
    public void Check_ItemList_LimitsItemPermissionsOnly()
    {
        var scope = Scope("build", null, "team-a/**");
        string[] all = ["team-a", "team-a/deploy", "team-b"];

        Assert.Multiple(() =>
        {
            Assert.That(Everyone.Check(Alice, Permission.ItemBuild, scope, "team-a/deploy", all), Is.EqualTo(PermissionCheck.Granted));
            Assert.That(Everyone.Check(Alice, Permission.ItemBuild, scope, "team-b", all), Is.EqualTo(PermissionCheck.DeniedByScope));
            Assert.That(Everyone.Check(Alice, Permission.ItemRead, scope, "team-a", all), Is.EqualTo(PermissionCheck.Granted));
            Assert.That(Everyone.Check(Alice, Permission.ItemBuild, scope, "team-a", all), Is.EqualTo(PermissionCheck.DeniedByScope));
            Assert.That(Everyone.Check(Alice, Permission.ViewRead, scope, "team-b", all), Is.EqualTo(PermissionCheck.Granted));
        });
    }

    [Test]
    public void LegacyToken_IsAlwaysFull()
    {
        var legacy = new HashedToken("u", "Legacy Token", null, null, TokenHash.Salted("x", legacy: true), Scope("read"));

        Assert.That(legacy.EffectiveScope, Is.SameAs(TokenScope.Full));
    }
}
