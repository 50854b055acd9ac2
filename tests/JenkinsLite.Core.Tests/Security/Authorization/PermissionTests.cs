using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Tests.Security.Authorization;

internal sealed class PermissionTests
{
    private static readonly string[] BuildChain =
    [
        "hudson.model.Item.Build",
        "hudson.security.Permission.GenericUpdate",
        "hudson.security.Permission.GenericWrite",
        "hudson.model.Hudson.Administer",
    ];

    [TestCase("hudson.model.Hudson.Administer", "Overall", "Administer")]
    [TestCase("hudson.model.Hudson.Read", "Overall", "Read")]
    [TestCase("hudson.model.Hudson.Manage", "Overall", "Manage")]
    [TestCase("hudson.model.Item.Read", "Job", "Read")]
    [TestCase("hudson.model.Item.Build", "Job", "Build")]
    [TestCase("hudson.model.Item.Configure", "Job", "Configure")]
    [TestCase("hudson.model.Item.Create", "Job", "Create")]
    [TestCase("hudson.model.Item.Delete", "Job", "Delete")]
    [TestCase("hudson.model.Item.Cancel", "Job", "Cancel")]
    [TestCase("hudson.model.Item.Workspace", "Job", "Workspace")]
    [TestCase("hudson.model.Item.Discover", "Job", "Discover")]
    [TestCase("hudson.model.Run.Delete", "Run", "Delete")]
    [TestCase("hudson.model.Run.Update", "Run", "Update")]
    [TestCase("hudson.model.View.Read", "View", "Read")]
    [TestCase("hudson.model.View.Configure", "View", "Configure")]
    [TestCase("hudson.model.View.Create", "View", "Create")]
    [TestCase("hudson.model.View.Delete", "View", "Delete")]
    [TestCase("hudson.model.Computer.Configure", "Agent", "Configure")]
    [TestCase("hudson.model.Computer.Connect", "Agent", "Connect")]
    [TestCase("hudson.scm.SCM.Tag", "SCM", "Tag")]
    [TestCase("hudson.security.Permission.GenericRead", "N/A", "GenericRead")]
    public void FromId_JenkinsId_ReturnsPermissionWithThatId(string id, string group, string name)
    {
        var permission = Permission.FromId(id);

        Assert.That(permission, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(permission!.Id, Is.EqualTo(id));
            Assert.That(permission.Group, Is.EqualTo(group));
            Assert.That(permission.Name, Is.EqualTo(name));
        });
    }

    [TestCase("hudson.model.Hudson.administer")]
    [TestCase("jenkins.model.Jenkins.Administer")]
    [TestCase("Overall/Administer")]
    [TestCase("com.cloudbees.plugins.credentials.CredentialsProvider.View")]
    [TestCase("")]
    public void FromId_UnknownOrDifferentlyCasedId_ReturnsNull(string id)
    {
        Assert.That(Permission.FromId(id), Is.Null);
    }

    [Test]
    public void Find_UiTitle_ResolvesLikeMatrixAuth()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Permission.Find("Overall/Administer"), Is.SameAs(Permission.Administer));
            Assert.That(Permission.Find("Job/Build"), Is.SameAs(Permission.ItemBuild));
            Assert.That(Permission.Find("Agent/Connect"), Is.SameAs(Permission.ComputerConnect));
            Assert.That(Permission.Find("hudson.model.View.Read"), Is.SameAs(Permission.ViewRead));
            Assert.That(Permission.Find("N/A/GenericRead"), Is.Null);
            Assert.That(Permission.Find("Job/Nonsense"), Is.Null);
        });
    }

    [Test]
    public void All_Ids_AreUnique()
    {
        Assert.That(Permission.All.Select(p => p.Id), Is.Unique);
    }

    [Test]
    public void All_EveryChain_EndsWithAdminister()
    {
        foreach (var permission in Permission.All)
        {
            Assert.That(permission.ImplicationChain.Last(), Is.SameAs(Permission.Administer), permission.Id);
        }
    }

    [Test]
    public void IsImpliedBy_Administer_ImpliesEverything()
    {
        Assert.That(Permission.All.Where(p => !p.IsImpliedBy(Permission.Administer)), Is.Empty);
    }

    [Test]
    public void IsImpliedBy_OverallRead_ImpliesNeitherJobReadNorViewRead()
    {
        // In Jenkins both hang off the generic read, not off Overall/Read.
        Assert.Multiple(() =>
        {
            Assert.That(Permission.ItemRead.IsImpliedBy(Permission.OverallRead), Is.False);
            Assert.That(Permission.ViewRead.IsImpliedBy(Permission.OverallRead), Is.False);
            Assert.That(Permission.ItemRead.IsImpliedBy(Permission.GenericRead), Is.True);
            Assert.That(Permission.ViewRead.IsImpliedBy(Permission.GenericRead), Is.True);
            Assert.That(Permission.OverallRead.IsImpliedBy(Permission.GenericRead), Is.True);
        });
    }

    [Test]
    public void ImplicationChain_JobBuild_FollowsJenkinsCore()
    {
        Assert.That(Permission.ItemBuild.ImplicationChain.Select(p => p.Id), Is.EqualTo(BuildChain));
    }

    [Test]
    public void ImpliedBy_SelectedPermissions_MatchJenkinsCore()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Permission.ItemDiscover.ImpliedBy, Is.SameAs(Permission.ItemRead));
            Assert.That(Permission.ItemExtendedRead.ImpliedBy, Is.SameAs(Permission.ItemConfigure));
            Assert.That(Permission.ItemWorkspace.ImpliedBy, Is.SameAs(Permission.GenericRead));
            Assert.That(Permission.ItemConfigure.ImpliedBy, Is.SameAs(Permission.GenericConfigure));
            Assert.That(Permission.GenericConfigure.ImpliedBy, Is.SameAs(Permission.GenericUpdate));
            Assert.That(Permission.ComputerConnect.ImpliedBy, Is.SameAs(Permission.ComputerDisconnect));
            Assert.That(Permission.ComputerDisconnect.ImpliedBy, Is.SameAs(Permission.Administer));
            Assert.That(Permission.RunDelete.ImpliedBy, Is.SameAs(Permission.GenericDelete));
            Assert.That(Permission.Administer.ImpliedBy, Is.Null);
        });
    }
}
