using System.Text;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.Jobs;

internal sealed class JobRepositoryTests
{
    private static readonly byte[] Project = Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <description>x</description>\n</project>");
    private static readonly byte[] Folder = Encoding.UTF8.GetBytes("<com.cloudbees.hudson.plugins.folder.Folder/>");

    private TempHome _home = null!;
    private JobRepository _repository = null!;

    [SetUp]
    public void NewHome()
    {
        _home = TempHome.Empty();
        _repository = new JobRepository(_home.Home, new JobConfigXml(new HomeSecrets(_home.Home)));
    }

    [TearDown]
    public void RemoveHome() => _home.Dispose();

    [Test]
    public void Create_ThenRead_SameBytesAndNoScratchLeft()
    {
        var created = _repository.Create("a", Project, []);

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.True);
            Assert.That(_repository.ReadConfig("a"), Is.EqualTo(Project));
            Assert.That(File.ReadAllBytes(_home.PathOf("jobs", "a", "config.xml")), Is.EqualTo(Project));
            Assert.That(Directory.EnumerateFileSystemEntries(_home.PathOf(JobRepository.ScratchFolder)), Is.Empty);
        });
    }

    [Test]
    public void Create_Existing_FalseAndUntouched()
    {
        _repository.Create("a", Project, []);

        Assert.Multiple(() =>
        {
            Assert.That(_repository.Create("a", Folder, []), Is.False);
            Assert.That(_repository.ReadConfig("a"), Is.EqualTo(Project));
        });
    }

    [Test]
    public void Create_WithDescendants_LandsNestedUnderJobs()
    {
        _repository.Create("f", Folder, [("inner", Project), ("sub/deep", Project)]);

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(_home.PathOf("jobs", "f", "jobs", "inner", "config.xml")), Is.True);
            Assert.That(File.Exists(_home.PathOf("jobs", "f", "jobs", "sub", "jobs", "deep", "config.xml")), Is.True);
        });
    }

    [TestCase("..")]
    [TestCase("../x")]
    [TestCase("a/../../x")]
    public void Create_EscapingName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => _repository.Create(name, Project, []));

    [Test]
    public void LoadAll_NestedFolders_SkipsFoldersWithoutConfigAndReportsBrokenOnes()
    {
        _repository.Create("f", Folder, [("inner", Project)]);
        _repository.Create("plain", Project, []);
        Directory.CreateDirectory(_home.PathOf("jobs", "empty"));
        _home.Write("jobs/broken/config.xml", "<project>");

        var load = _repository.LoadAll();

        Assert.Multiple(() =>
        {
            Assert.That(load.Items.Select(i => i.FullName), Is.EquivalentTo((string[])["f", "f/inner", "plain"]));
            Assert.That(load.Problems.Single(), Does.StartWith("jobs/broken/config.xml"));
        });
    }

    [Test]
    public void RenameAndDelete_MoveAndRemoveTheFolder()
    {
        _repository.Create("a", Project, []);
        File.WriteAllText(_home.PathOf("jobs", "a", "nextBuildNumber"), "7");

        _repository.Rename("a", "b");
        Assert.That(File.ReadAllText(_home.PathOf("jobs", "b", "nextBuildNumber")), Is.EqualTo("7"));

        _repository.Delete("b");
        Assert.That(Directory.Exists(_home.PathOf("jobs", "b")), Is.False);
    }

    [Test]
    public void WriteConfig_ReplacesBytes()
    {
        _repository.Create("a", Project, []);

        _repository.WriteConfig("a", Folder);

        Assert.That(_repository.ReadConfig("a"), Is.EqualTo(Folder));
    }
}
