using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Tests.Security.Authorization;

internal sealed class FullControlOnceLoggedInAuthorizationStrategyTests
{
    private static readonly Permission[] AnonymousReadable =
    [
        Permission.OverallRead, Permission.ItemRead, Permission.ItemDiscover, Permission.ItemWorkspace, Permission.ViewRead,
        Permission.GenericRead,
    ];

    [TestCase(false)]
    [TestCase(true)]
    public void HasPermission_SignedInUser_GrantedEverything(bool denyAnonymousRead)
    {
        var strategy = new FullControlOnceLoggedInAuthorizationStrategy(denyAnonymousRead);

        Assert.That(Permission.All.Where(p => !strategy.HasPermission(Caller.User("alice"), p)), Is.Empty);
    }

    [Test]
    public void HasPermission_AnonymousWithReadAllowed_GetsExactlyTheReadPermissions()
    {
        var strategy = new FullControlOnceLoggedInAuthorizationStrategy(denyAnonymousReadAccess: false);

        var granted = Permission.All.Where(p => strategy.HasPermission(Caller.Anonymous, p));

        Assert.That(granted, Is.EquivalentTo(AnonymousReadable));
    }

    [Test]
    public void HasPermission_AnonymousWithReadAllowed_CannotBuildConfigureOrAdminister()
    {
        var strategy = new FullControlOnceLoggedInAuthorizationStrategy(denyAnonymousReadAccess: false);

        Assert.Multiple(() =>
        {
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.ItemBuild), Is.False);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.ItemConfigure), Is.False);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.ItemExtendedRead), Is.False);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.Administer), Is.False);
        });
    }

    [Test]
    public void HasPermission_AnonymousWithReadDenied_GetsNothing()
    {
        var strategy = new FullControlOnceLoggedInAuthorizationStrategy(denyAnonymousReadAccess: true);

        Assert.That(Permission.All.Where(p => strategy.HasPermission(Caller.Anonymous, p)), Is.Empty);
    }

    [Test]
    public void ClassName_Always_IsJenkinsClass()
    {
        Assert.That(new FullControlOnceLoggedInAuthorizationStrategy(false).ClassName,
            Is.EqualTo("hudson.security.FullControlOnceLoggedInAuthorizationStrategy"));
    }
}
