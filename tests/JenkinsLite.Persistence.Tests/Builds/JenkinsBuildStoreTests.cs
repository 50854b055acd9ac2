using JenkinsLite.Core.Builds;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.Builds;

internal sealed class JenkinsBuildStoreTests
{
    [Test]
    public void SaveThenLoad_Build_RoundTripsInJenkinsShape()
    {
        // Arrange
        using var home = TempHome.Empty();
        Directory.CreateDirectory(Path.Combine(home.Root, "jobs", "demo"));
        var store = new JenkinsBuildStore(new BuildFiles(home.Home), new HomeSecrets(home.Home), id => id == "ada" ? "Ada L." : null);
        var record = new BuildRecord("demo", 4, 17, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), TimeSpan.FromMilliseconds(1500),
            BuildResult.Failure, false, [BuildCause.ByUser("ada", "Ada L."), BuildCause.ByRemoteHost("10.0.0.1", "nightly")],
            [new ParameterValue("hudson.model.StringParameterValue", "NAME", "x", false),
             new ParameterValue("hudson.model.PasswordParameterValue", "PW", "hunter2", true)], [], null, false);

        // Act
        store.Begin(record with { Result = null, Building = true }, "Started by user Ada L.\n");
        store.Save(record);
        store.SaveNextBuildNumber("demo", 5);
        var xml = File.ReadAllText(Path.Combine(home.Root, "jobs", "demo", "builds", "4", "build.xml"));
        var loaded = store.Load("demo");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(xml, Does.StartWith("<?xml version='1.1' encoding='UTF-8'?>\n<build>"));
            Assert.That(xml, Does.Contain("<hudson.model.Cause_-UserIdCause>").And.Contain("<userId>ada</userId>"));
            Assert.That(xml, Does.Contain("<result>FAILURE</result>").And.Contain("<charset>UTF-8</charset>").And.Contain("<queueId>17</queueId>"));
            Assert.That(xml, Does.Not.Contain("hunter2"));
            Assert.That(loaded.NextBuildNumber, Is.EqualTo(5));
            var build = loaded.Records.Single();
            Assert.That(build.Causes, Is.EqualTo(record.Causes));
            Assert.That(build.Parameters, Is.EqualTo(record.Parameters));
            Assert.That((build.Number, build.QueueId, build.Result, build.Timestamp, build.Duration),
                Is.EqualTo((4, 17L, (BuildResult?)BuildResult.Failure, record.Timestamp, record.Duration)));
            Assert.That(File.ReadAllText(Path.Combine(home.Root, "jobs", "demo", "builds", "4", "log")), Is.EqualTo("Started by user Ada L.\n"));
        });
    }

    [Test]
    public void SaveThenLoad_DescriptionDisplayNameKeepLog_RoundTripInJenkinsOrder()
    {
        // Arrange
        using var home = TempHome.Empty();
        Directory.CreateDirectory(Path.Combine(home.Root, "jobs", "demo"));
        var store = new JenkinsBuildStore(new BuildFiles(home.Home), new HomeSecrets(home.Home), _ => null);
        var plain = new BuildRecord("demo", 1, 1, DateTimeOffset.UnixEpoch, TimeSpan.Zero, BuildResult.Success, false, [], [], [], null, false);
        var described = plain with { Number = 2, Description = "line one\n<b>R&D</b> é", KeepLog = true, DisplayName = "v1.0 » rc" };

        // Act
        store.Begin(plain, string.Empty);
        store.Begin(described, string.Empty);
        var plainXml = File.ReadAllText(Path.Combine(home.Root, "jobs", "demo", "builds", "1", "build.xml"));
        var xml = File.ReadAllText(Path.Combine(home.Root, "jobs", "demo", "builds", "2", "build.xml"));
        var loaded = store.Load("demo").Records;

        // Assert: Run's fields in XStream's order; no displayName element without a name given
        Assert.Multiple(() =>
        {
            Assert.That(xml, Does.Contain("<description>line one\n&lt;b&gt;R&amp;D&lt;/b&gt; é</description>\n  <displayName>v1.0 » rc</displayName>\n  <duration>"));
            Assert.That(xml, Does.Contain("<keepLog>true</keepLog>"));
            Assert.That(plainXml, Does.Not.Contain("<displayName").And.Not.Contain("<description").And.Contain("<keepLog>false</keepLog>"));
            var build = loaded.Single(b => b.Number == 2);
            Assert.That((build.Description, build.DisplayName, build.KeepLog), Is.EqualTo((described.Description, described.DisplayName, true)));
            var other = loaded.Single(b => b.Number == 1);
            Assert.That((other.Description, other.DisplayName, other.KeepLog), Is.EqualTo(((string?)null, (string?)null, false)));
        });
    }

    [Test]
    public void Load_BuildWithoutResult_IsReportedUnfinished()
    {
        // Arrange
        using var home = TempHome.Empty();
        Directory.CreateDirectory(Path.Combine(home.Root, "jobs", "demo"));
        var store = new JenkinsBuildStore(new BuildFiles(home.Home), new HomeSecrets(home.Home), _ => null);
        store.Begin(new BuildRecord("demo", 1, 1, DateTimeOffset.UnixEpoch, TimeSpan.Zero, null, true, [], [], [], null, false), "x\n");

        // Act
        var build = store.Load("demo").Records.Single();

        // Assert
        Assert.That((build.Result, build.Building), Is.EqualTo(((BuildResult?)null, true)));
    }

    [Test]
    public void QueueFile_SaveThenLoad_KeepsItemsAndEncryptsPasswords()
    {
        // Arrange
        using var home = TempHome.Empty();
        var file = new QueueFile(home.Home, new HomeSecrets(home.Home));
        var item = new QueueItem(9, "demo", [BuildCause.ByUser("ada", "Ada")],
            [new ParameterValue("hudson.model.PasswordParameterValue", "PW", "hunter2", true)], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(5));

        // Act
        file.Save(new QueueState(10, [item]));
        var text = File.ReadAllText(Path.Combine(home.Root, QueueFile.FileName));
        var loaded = new QueueFile(home.Home, new HomeSecrets(home.Home)).Load();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("hunter2"));
            Assert.That(loaded.NextId, Is.EqualTo(10));
            Assert.That(loaded.Items.Single().Parameters.Single().Value, Is.EqualTo("hunter2"));
            Assert.That(loaded.Items.Single().BuildableAt, Is.EqualTo(item.BuildableAt));
        });
    }
}
