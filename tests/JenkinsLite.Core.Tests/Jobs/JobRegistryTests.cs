using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Tests.Jobs;

internal sealed class JobRegistryTests
{
    private FakeJobs _jobs = null!;

    private JobRegistry Registry => _jobs.Registry;

    [SetUp]
    public void NewRegistry() => _jobs = new FakeJobs();

    [Test]
    public void Find_OtherCase_ReportsTheStoredSpelling()
    {
        // Arrange
        Registry.Create(string.Empty, "MyJob", FakeJobs.Xml("project"));

        // Act
        var found = Registry.Find("myjob");

        // Assert
        Assert.That(found?.FullName, Is.EqualTo("MyJob"));
    }

    [Test]
    public void Create_SameNameOtherCase_AlreadyExistsWithJenkinsMessage()
    {
        Registry.Create(string.Empty, "a", FakeJobs.Xml("project"));

        var result = Registry.Create(string.Empty, "A", FakeJobs.Xml("project"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.AlreadyExists));
            Assert.That(result.Message, Is.EqualTo("A job already exists with the name ‘A’"));
            Assert.That(string.Join(",", _jobs.Repository.Files.Keys), Is.EqualTo("a"));
        });
    }

    [TestCase("..")]
    [TestCase(".")]
    [TestCase("a/b")]
    [TestCase("../x")]
    [TestCase("")]
    [TestCase("x\\y")]
    public void Create_BadName_InvalidNameAndNothingWritten(string name)
    {
        var result = Registry.Create(string.Empty, name, FakeJobs.Xml("project"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.InvalidName));
            Assert.That(_jobs.Repository.Files, Is.Empty);
        });
    }

    [Test]
    public void Create_BadXml_InvalidConfigAndNothingWritten()
    {
        var result = Registry.Create(string.Empty, "x", FakeJobs.Xml("broken"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.InvalidConfig));
            Assert.That(_jobs.Repository.Files, Is.Empty);
        });
    }

    [Test]
    public void Create_InMissingOrNonFolder_NotFound()
    {
        Registry.Create(string.Empty, "plain", FakeJobs.Xml("project"));

        Assert.Multiple(() =>
        {
            Assert.That(Registry.Create("nope", "x", FakeJobs.Xml("project")).Outcome, Is.EqualTo(JobChange.NotFound));
            Assert.That(Registry.Create("plain", "x", FakeJobs.Xml("project")).Outcome, Is.EqualTo(JobChange.NotFound));
        });
    }

    [Test]
    public void Children_OfFolder_SortedWithoutCase()
    {
        Registry.Create(string.Empty, "f", FakeJobs.Xml("folder"));
        Registry.Create("f", "b", FakeJobs.Xml("project"));
        Registry.Create("F", "A", FakeJobs.Xml("project"));
        Registry.Create(string.Empty, "top", FakeJobs.Xml("project"));

        Assert.Multiple(() =>
        {
            Assert.That(string.Join(",", Registry.Children("f").Select(i => i.FullName)), Is.EqualTo("f/A,f/b"));
            Assert.That(string.Join(",", Registry.Children(string.Empty).Select(i => i.Name)), Is.EqualTo("f,top"));
        });
    }

    [Test]
    public void Copy_IsHeldUntilAStateChangingEnableOrDisable_ConfigPostKeepsTheHold()
    {
        // Arrange
        Registry.Create(string.Empty, "src", FakeJobs.Xml("project"));

        // Act / Assert
        var copy = Registry.Copy(string.Empty, "dst", "src");
        Assert.That(copy.Item!.HeldAfterCopy, Is.True);

        Registry.UpdateConfig("dst", FakeJobs.Xml("project"));
        Assert.That(Registry.Find("dst")!.HeldAfterCopy, Is.True, "POST config.xml does not save() in Jenkins");

        Registry.SetDisabled("dst", disabled: false);
        Assert.That(Registry.Find("dst")!.HeldAfterCopy, Is.True, "enabling an enabled job is a no-op in Jenkins");

        Registry.SetDisabled("dst", disabled: true);
        Assert.Multiple(() =>
        {
            Assert.That(Registry.Find("dst")!.HeldAfterCopy, Is.False);
            Assert.That(Registry.Find("dst")!.Config.Disabled, Is.True);
            Assert.That(_jobs.Repository.Files["dst"], Is.EqualTo(FakeJobs.Xml("project disabled")));
        });
    }

    [Test]
    public void Copy_UnknownSource_NoSuchSource()
    {
        var result = Registry.Copy(string.Empty, "dst", "missing");

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.NoSuchSource));
            Assert.That(result.Message, Is.EqualTo("No such job: missing"));
        });
    }

    [Test]
    public void Copy_Folder_CopiesWhatIsInside()
    {
        Registry.Create(string.Empty, "f", FakeJobs.Xml("folder"));
        Registry.Create("f", "inner", FakeJobs.Xml("project"));

        Registry.Copy(string.Empty, "g", "f");

        Assert.That(Registry.Find("g/inner"), Is.Not.Null);
    }

    [Test]
    public void UpdateConfig_OtherRootType_WrongTypeAndUnchanged()
    {
        Registry.Create(string.Empty, "x", FakeJobs.Xml("project"));

        var result = Registry.UpdateConfig("x", FakeJobs.Xml("flow"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.WrongType));
            Assert.That(_jobs.Repository.Files["x"], Is.EqualTo(FakeJobs.Xml("project")));
        });
    }

    [Test]
    public void Rename_WhileBuilding_RefusedAndNothingMoved()
    {
        Registry.Create(string.Empty, "x", FakeJobs.Xml("project"));
        _jobs.History.Building.Add("x");

        var result = Registry.Rename("x", "y");

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.Building));
            Assert.That(Registry.Find("x"), Is.Not.Null);
            Assert.That(_jobs.History.Renamed, Is.Empty);
        });
    }

    [Test]
    public void Rename_Folder_MovesChildrenAndTellsListenersFolderFirst()
    {
        Registry.Create(string.Empty, "f", FakeJobs.Xml("folder"));
        Registry.Create("f", "inner", FakeJobs.Xml("project"));

        var result = Registry.Rename("f", "g");

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.Done));
            Assert.That(Registry.Find("g/inner"), Is.Not.Null);
            Assert.That(Registry.Find("f/inner"), Is.Null);
            Assert.That(_jobs.History.Renamed, Is.EqualTo(((string, string)[])[("f", "g"), ("f/inner", "g/inner")]));
            Assert.That(_jobs.History.HeldWhileChanging, Is.EqualTo((string[])["f", "f/inner"]), "no build may begin in a folder that moves");
        });
    }

    [Test]
    public void Rename_AListenerCannotStore_ChangeStaysOthersToldFailureReported()
    {
        // Arrange: a listener whose disk is full, then the builds side
        var failures = new List<Exception>();
        var full = new FullDiskListener();
        var registry = new JobRegistry(_jobs.Repository, new FakeJobs.FakeFormat(), () => _jobs.History, () => [full, _jobs.History],
            (_, e) => failures.Add(e));
        registry.Create(string.Empty, "x", FakeJobs.Xml("project"));

        // Act
        var result = registry.Rename("x", "y");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.Done));
            Assert.That(registry.Find("y"), Is.Not.Null);
            Assert.That(_jobs.History.Renamed, Is.EqualTo(((string, string)[])[("x", "y")]));
            Assert.That(failures.Single().Message, Is.EqualTo("No space left on device"));
        });
    }

    [TestCase("x", JobChange.Unchanged)]
    [TestCase("other", JobChange.AlreadyExists)]
    [TestCase("OTHER", JobChange.AlreadyExists)]
    [TestCase("..", JobChange.InvalidName)]
    [TestCase("a/b", JobChange.InvalidName)]
    public void Rename_Refused_Outcome(string newName, JobChange outcome)
    {
        Registry.Create(string.Empty, "x", FakeJobs.Xml("project"));
        Registry.Create(string.Empty, "other", FakeJobs.Xml("project"));

        Assert.That(Registry.Rename("x", newName).Outcome, Is.EqualTo(outcome));
    }

    [Test]
    public void Rename_CaseOnly_IsAllowed()
    {
        Registry.Create(string.Empty, "x", FakeJobs.Xml("project"));

        var result = Registry.Rename("x", "X");

        Assert.That(Registry.Find("x")?.FullName, Is.EqualTo("X"), result.Message);
    }

    [Test]
    public void Delete_Folder_RemovesAllAndTellsListenersAboutEachItem()
    {
        Registry.Create(string.Empty, "f", FakeJobs.Xml("folder"));
        Registry.Create("f", "inner", FakeJobs.Xml("project"));

        Registry.Delete("F");

        Assert.Multiple(() =>
        {
            Assert.That(Registry.All(), Is.Empty);
            Assert.That(_jobs.Repository.Files, Is.Empty);
            Assert.That(string.Join(",", _jobs.History.Deleted), Is.EqualTo("f,f/inner"));
            Assert.That(_jobs.History.HeldWhileChanging, Is.EqualTo((string[])["f", "f/inner"]), "no build may begin in a folder that goes");
        });
    }

    [Test]
    public void Delete_WhileBuilding_StopsItsBuildsFirst()
    {
        Registry.Create(string.Empty, "x", FakeJobs.Xml("project"));
        _jobs.History.Building.Add("x");

        var result = Registry.Delete("x");

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.Done));
            Assert.That(_jobs.History.Building, Is.Empty);
            Assert.That(_jobs.Repository.Files, Is.Empty);
        });
    }

    [Test]
    public void Delete_ABuildInsideThatWillNotStop_RefusedAndNothingDeleted()
    {
        Registry.Create(string.Empty, "f", FakeJobs.Xml("folder"));
        Registry.Create("f", "inner", FakeJobs.Xml("project"));
        _jobs.History.Building.Add("f/inner");
        _jobs.History.Unstoppable.Add("f/inner");

        var result = Registry.Delete("f");

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(JobChange.Building));
            Assert.That(result.Message, Does.StartWith("Unable to delete f: its running builds did not stop"));
            Assert.That(Registry.Find("f/inner"), Is.Not.Null);
            Assert.That(_jobs.History.Deleted, Is.Empty);
        });
    }

    [Test]
    public void SetDisabled_Folder_NotApplicable()
    {
        Registry.Create(string.Empty, "f", FakeJobs.Xml("folder"));

        Assert.That(Registry.SetDisabled("f", true).Outcome, Is.EqualTo(JobChange.NotApplicable));
    }

    [Test]
    public void Load_ReadsNestedItemsFromTheRepository()
    {
        _jobs.Repository.Files["f"] = FakeJobs.Xml("folder");
        _jobs.Repository.Files["f/j"] = FakeJobs.Xml("project disabled");

        Registry.Load();

        Assert.That(Registry.Find("F/J")?.Config.Disabled, Is.True);
    }

    [TestCase("", "../x", null)]
    [TestCase("f", "../top", "top")]
    [TestCase("f", "inner", "f/inner")]
    [TestCase("f", "/f/inner", "f/inner")]
    [TestCase("f", "top", "top")]
    public void ResolveRelative_JenkinsPaths_FindTheItem(string parent, string path, string? expected)
    {
        Registry.Create(string.Empty, "top", FakeJobs.Xml("project"));
        Registry.Create(string.Empty, "f", FakeJobs.Xml("folder"));
        Registry.Create("f", "inner", FakeJobs.Xml("project"));

        Assert.That(Registry.ResolveRelative(parent, path)?.FullName, Is.EqualTo(expected));
    }

    private sealed class FullDiskListener : IItemListener
    {
        public void OnDeleted(JobItem item) => throw new IOException("No space left on device");

        public void OnLocationChanged(JobItem item, string oldFullName, string newFullName) => throw new IOException("No space left on device");
    }
}
