using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Tests.Security.Authorization;

internal sealed class CallerTests
{
    private static readonly string[] AnonymousAuthorities = ["anonymous"];
    private static readonly string[] AliceAuthorities = ["authenticated", "devs", "ops"];

    [Test]
    public void Authorities_Anonymous_IsAnonymousOnly()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Caller.Anonymous.IsAnonymous, Is.True);
            Assert.That(Caller.Anonymous.Name, Is.EqualTo("anonymous"));
            Assert.That(Caller.Anonymous.Authorities, Is.EqualTo(AnonymousAuthorities));
        });
    }

    [Test]
    public void Authorities_SignedInUser_AuthenticatedThenGroups()
    {
        var alice = Caller.User("alice", "devs", "ops");

        Assert.Multiple(() =>
        {
            Assert.That(alice.IsAnonymous, Is.False);
            Assert.That(alice.Name, Is.EqualTo("alice"));
            Assert.That(alice.Authorities, Is.EqualTo(AliceAuthorities));
        });
    }

    [Test]
    public void Equals_SameIdAndGroupsInOtherLists_AreEqual()
    {
        var a = new Caller("alice", new List<string> { "devs" });
        var b = new Caller("alice", ["devs"]);

        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a, Is.Not.EqualTo(Caller.User("alice")));
        });
    }

    [Test]
    public void User_EmptyId_Throws()
    {
        Assert.That(() => Caller.User(""), Throws.ArgumentException);
    }
}
