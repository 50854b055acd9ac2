using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Tests.Security.Authorization;

internal sealed class UnsecuredAuthorizationStrategyTests
{
    [Test]
    public void HasPermission_AnyCallerAnyPermission_Granted()
    {
        var strategy = UnsecuredAuthorizationStrategy.Instance;

        Assert.Multiple(() =>
        {
            foreach (var permission in Permission.All)
            {
                Assert.That(strategy.HasPermission(Caller.Anonymous, permission), Is.True, permission.Id);
                Assert.That(strategy.HasPermission(Caller.User("alice"), permission), Is.True, permission.Id);
            }
        });
    }

    [Test]
    public void ClassName_Always_IsJenkinsUnsecured()
    {
        Assert.That(UnsecuredAuthorizationStrategy.Instance.ClassName, Is.EqualTo("hudson.security.AuthorizationStrategy$Unsecured"));
    }
}
