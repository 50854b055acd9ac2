using JenkinsLite.Persistence.Builds;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.Builds;

internal sealed class BuildFilesTests
{
    [TestCase("../../config.xml")]
    [TestCase("..")]
    [TestCase("a/../../config.xml")]
    [TestCase("./a.txt")]
    [TestCase("a/..\\..\\config.xml")]
    [TestCase("/etc/passwd/../../config.xml")]
    public void ResolveInside_DotSegments_AreRefused(string relative)
    {
        // Arrange
        using var home = TempHome.Empty();
        var archive = Directory.CreateDirectory(Path.Combine(home.Root, "archive")).FullName;

        // Act + Assert
        Assert.That(BuildFiles.ResolveInside(archive, relative), Is.Null);
    }

    [Test]
    public void ResolveInside_LinkLeadingOutside_IsRefusedAndNotListed()
    {
        // Arrange
        using var home = TempHome.Empty();
        File.WriteAllText(Path.Combine(home.Root, "config.xml"), "<hudson/>");
        var archive = Directory.CreateDirectory(Path.Combine(home.Root, "archive")).FullName;
        File.WriteAllText(Path.Combine(archive, "inside.txt"), "ok");
        File.CreateSymbolicLink(Path.Combine(archive, "escape.xml"), Path.Combine(home.Root, "config.xml"));
        Directory.CreateSymbolicLink(Path.Combine(archive, "up"), home.Root);
        File.CreateSymbolicLink(Path.Combine(archive, "alias.txt"), Path.Combine(archive, "inside.txt"));

        // Act + Assert
        Assert.Multiple(() =>
        {
            Assert.That(BuildFiles.ResolveInside(archive, "escape.xml"), Is.Null);
            Assert.That(BuildFiles.ResolveInside(archive, "up/config.xml"), Is.Null);
            Assert.That(BuildFiles.ResolveInside(archive, "alias.txt"), Is.Not.Null);
            Assert.That(BuildFiles.ResolveInside(archive, "inside.txt"), Is.EqualTo(Path.Combine(archive, "inside.txt")));
            Assert.That(BuildFiles.ListFiles(archive), Is.EqualTo(new List<string> { "alias.txt", "inside.txt" }));
        });
    }
}
