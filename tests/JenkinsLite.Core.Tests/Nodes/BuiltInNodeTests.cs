using JenkinsLite.Core.Nodes;
using JenkinsLite.Core.Tests.Builds;

namespace JenkinsLite.Core.Tests.Nodes;

internal sealed class BuiltInNodeTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void TakeOffline_SavesThenPublishesAndRaisesChanged()
    {
        // Arrange
        var store = new MemoryNodeStore();
        var node = new BuiltInNode(store, () => 2);
        var changes = 0;
        node.Changed += () => changes++;
        var cause = new NodeOfflineCause("admin", "disk full", Noon, FromCli: true);

        // Act
        node.TakeOffline(cause);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(node.IsOffline, Is.True);
            Assert.That(node.OfflineCause, Is.EqualTo(cause));
            Assert.That(store.Stored, Is.EqualTo(cause));
            Assert.That(changes, Is.EqualTo(1));
        });
    }

    [Test]
    public void TakeOffline_StoreFails_StaysOnline()
    {
        // Arrange
        var store = new MemoryNodeStore { FailWith = new IOException("disk full") };
        var node = new BuiltInNode(store, () => 2);

        // Act
        var thrown = Assert.Throws<IOException>(() => node.TakeOffline(new NodeOfflineCause(null, null, Noon, FromCli: false)));

        // Assert
        Assert.That((thrown!.Message, node.IsOffline), Is.EqualTo(("disk full", false)));
    }

    [Test]
    public void BringOnline_AlreadyOnline_WritesNothing()
    {
        // Arrange
        var store = new MemoryNodeStore();
        var node = new BuiltInNode(store, () => 2);

        // Act
        node.BringOnline();

        // Assert
        Assert.That(store.Saves, Is.Zero);
    }

    [Test]
    public void Constructor_StoredCause_StartsOfflineAndReloadRereads()
    {
        // Arrange
        var store = new MemoryNodeStore { Stored = new NodeOfflineCause("admin", null, Noon, FromCli: false) };
        var node = new BuiltInNode(store, () => 2);
        var offlineAtStart = node.IsOffline;

        // Act
        store.Stored = null;
        node.Reload();

        // Assert
        Assert.That((offlineAtStart, node.IsOffline), Is.EqualTo((true, false)));
    }

    [Test]
    public void NumExecutors_NegativeSetting_IsZero()
    {
        // Arrange
        var node = new BuiltInNode(new MemoryNodeStore(), () => -1);

        // Act
        var executors = node.NumExecutors;

        // Assert
        Assert.That(executors, Is.Zero);
    }

    [TestCase("", true)]
    [TestCase("(built-in)", true)]
    [TestCase("(master)", true)]
    [TestCase("master", false)]
    [TestCase("Built-In Node", false)]
    [TestCase("agent1", false)]
    public void IsNamed_JenkinsNamesForTheBuiltInNode(string name, bool expected)
    {
        // Act
        var named = BuiltInNode.IsNamed(name);

        // Assert
        Assert.That(named, Is.EqualTo(expected));
    }

    [TestCase("admin", null, "Disconnected by admin", "")]
    [TestCase("admin", "disk full", "Disconnected by admin : disk full", "disk full")]
    [TestCase(null, "a : b", "Disconnected by anonymous : a : b", "b")]
    public void NodeOfflineCause_DescriptionAndReason_AsJenkins(string? user, string? message, string description, string reason)
    {
        // Arrange
        var cause = new NodeOfflineCause(user, message, Noon, FromCli: false);

        // Act
        var (actualDescription, actualReason) = (cause.Description, cause.Reason);

        // Assert
        Assert.That((actualDescription, actualReason), Is.EqualTo((description, reason)));
    }
}
