using System.Text;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>Job and build commands over both transports: the stdin, XML and exit-code cases of cli.md section 11.</summary>
[TestFixture(CliFixture.Http)]
[TestFixture(CliFixture.WebSocket)]
internal sealed class CliJobCommandTests(string mode) : CliFixture
{
    [Test]
    public async Task CreateJob_ConfigLargerThan60000BytesOnStdin_GetJobGivesTheSameBytes()
    {
        // Arrange: more than one STDIN frame's worth, with characters outside ASCII
        var name = "big-" + mode.TrimStart('-');
        var xml = Encoding.UTF8.GetBytes($"<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <description>{new string('x', 70_000)} é😀</description>\n  <builders/>\n</project>\n");

        // Act
        var created = await CliWithStdinAsync(mode, "admin", AdminPassword, xml, "create-job", name);
        var fetched = await CliAsync(mode, "admin", AdminPassword, "get-job", name);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(created.Code, Is.Zero, created.ToString());
            Assert.That(fetched.Code, Is.Zero, fetched.Err);
            Assert.That(fetched.Stdout, Is.EqualTo(xml));
        });
    }

    [Test]
    public async Task CreateJob_ExistingName_ExitsFour()
    {
        var run = await CliWithStdinAsync(mode, "admin", AdminPassword, "<project/>"u8.ToArray(), "create-job", "hello-world");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(4), run.ToString());
            Assert.That(run.Err, Is.EqualTo("\nERROR: Job 'hello-world' already exists\n"));
        });
    }

    [Test]
    public async Task Build_MissingJob_ExitsThree()
    {
        var run = await CliAsync(mode, "admin", AdminPassword, "build", "no-such-job-here", "-s");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(3), run.ToString());
            Assert.That(run.Err, Does.StartWith("\nERROR: No such job 'no-such-job-here'"));
        });
    }

    [Test]
    public async Task ListJobs_Admin_ListsTheSeededJobs()
    {
        var run = await CliAsync(mode, "admin", AdminPassword, "list-jobs");
        Assert.That(run.Out, Does.Contain("hello-world\n"), run.ToString());
    }

    [Test]
    public async Task BuildSync_FailingJob_ExitsTwoAfterCompleted()
    {
        // Arrange
        var name = "fails-" + mode.TrimStart('-');
        await CreateShellJobAsync(mode, name, "echo about to fail; exit 1");

        // Act
        var run = await CliAsync(mode, "admin", AdminPassword, "build", name, "-s", "-v");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(2), run.ToString());
            Assert.That(run.Out, Does.StartWith($"Started {name} #1\n"));
            Assert.That(run.Out, Does.Contain("about to fail"));
            Assert.That(run.Out, Does.EndWith($"Completed {name} #1 : FAILURE\n"));
        });
    }

    [Test]
    public async Task ConsoleAndDeleteBuilds_AfterABuild_ShowTheLogThenDeleteIt()
    {
        // Arrange
        var name = "echoes-" + mode.TrimStart('-');
        await CreateShellJobAsync(mode, name, "echo line-one; echo line-two");
        var built = await CliAsync(mode, "admin", AdminPassword, "build", name, "-s");

        // Act
        var console = await CliAsync(mode, "admin", AdminPassword, "console", name, "1", "-n", "2");
        var deleted = await CliAsync(mode, "admin", AdminPassword, "delete-builds", name, "1-3");
        var gone = await CliAsync(mode, "admin", AdminPassword, "console", name, "1");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(built.Code, Is.Zero, built.ToString());
            Assert.That(console.Out, Does.Contain("line-two"), console.ToString());
            Assert.That(deleted.Out, Is.EqualTo("Deleted 1 builds\n"), deleted.ToString());
            Assert.That(gone.Code, Is.EqualTo(3), gone.ToString());
        });
    }

    [Test]
    public async Task ListChanges_JobWithoutScm_EmptyLogsInEachFormat()
    {
        // Arrange
        var name = "changes-" + mode.TrimStart('-');
        await CreateShellJobAsync(mode, name, "true");
        await CliAsync(mode, "admin", AdminPassword, "build", name, "-s");
        await CliAsync(mode, "admin", AdminPassword, "build", name, "-s");

        // Act
        var plain = await CliAsync(mode, "admin", AdminPassword, "list-changes", name, "1-2");
        var xml = await CliAsync(mode, "admin", AdminPassword, "list-changes", name, "2,1", "-format", "xml");
        var badRange = await CliAsync(mode, "admin", AdminPassword, "list-changes", name, "2--1");
        var badFormat = await CliAsync(mode, "admin", AdminPassword, "list-changes", name, "1", "-format", "json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((plain.Code, plain.Out), Is.EqualTo((0, string.Empty)), plain.ToString());
            Assert.That((xml.Code, xml.Out), Is.EqualTo((0, "<changes>\n<build number='2'>\n</build>\n<build number='1'>\n</build>\n</changes>\n")), xml.ToString());
            Assert.That((badRange.Code, badRange.Err), Is.EqualTo((3, "\nERROR: Unable to parse '2--1', expected correct notation M,N or M-N\n")));
            Assert.That(badFormat.Code, Is.EqualTo(2), badFormat.ToString());
        });
    }

    [Test]
    public async Task Views_CreateAddListGetDelete_FollowJenkins()
    {
        // Arrange
        var name = "cli-view-" + mode.TrimStart('-');
        var xml = Encoding.UTF8.GetBytes($"<hudson.model.ListView>\n  <name>{name}</name>\n  <jobNames>\n    <comparator class=\"hudson.util.CaseInsensitiveComparator\"/>\n  </jobNames>\n  <recurse>false</recurse>\n</hudson.model.ListView>\n");

        // Act
        var created = await CliWithStdinAsync(mode, "admin", AdminPassword, xml, "create-view");
        var added = await CliAsync(mode, "admin", AdminPassword, "add-job-to-view", name, "hello-world");
        var listed = await CliAsync(mode, "admin", AdminPassword, "list-jobs", name);
        var fetched = await CliAsync(mode, "admin", AdminPassword, "get-view", name);
        var deleted = await CliAsync(mode, "admin", AdminPassword, "delete-view", name);
        var missing = await CliAsync(mode, "admin", AdminPassword, "get-view", name);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(created.Code, Is.Zero, created.ToString());
            Assert.That(added.Code, Is.Zero, added.ToString());
            Assert.That(listed.Out, Is.EqualTo("hello-world\n"), listed.ToString());
            Assert.That(fetched.Out, Does.Contain($"<name>{name}</name>"), fetched.ToString());
            Assert.That(deleted.Code, Is.Zero, deleted.ToString());
            Assert.That(missing.Code, Is.EqualTo(3), missing.ToString());
            Assert.That(missing.Err, Is.EqualTo($"\nERROR: No view named {name} inside view Jenkins\n"));
        });
    }

    [Test]
    public async Task StopBuilds_NothingRunning_SaysSo()
    {
        var run = await CliAsync(mode, "admin", AdminPassword, "stop-builds", "hello-world");
        Assert.That(run.Out, Is.EqualTo("No builds stopped\n"), run.ToString());
    }

    [Test]
    public async Task DisableJob_MissingJob_IsAUsageError()
    {
        var run = await CliAsync(mode, "admin", AdminPassword, "disable-job", "nothing-like-it");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(2), run.ToString());
            Assert.That(run.Err, Does.StartWith("\nERROR: No such job ‘nothing-like-it’ exists.\n"));
        });
    }

    [Test]
    public async Task DeleteJob_SeveralNamesOneMissing_ExitsFiveAfterDeletingTheOthers()
    {
        // Arrange
        var name = "doomed-" + mode.TrimStart('-');
        await CreateShellJobAsync(mode, name, "true");

        // Act
        var run = await CliAsync(mode, "admin", AdminPassword, "delete-job", name, "ghost-job");
        var after = await CliAsync(mode, "admin", AdminPassword, "get-job", name);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(5), run.ToString());
            Assert.That(run.Err, Does.Contain("ghost-job: No such job 'ghost-job'"));
            Assert.That(after.Code, Is.EqualTo(3), after.ToString());
        });
    }
}
