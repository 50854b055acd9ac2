using System.Text;
using JenkinsLite.Core.Nodes;
using JenkinsLite.Persistence.Nodes;
using JenkinsLite.Persistence.Tests.Home;
using JenkinsLite.Persistence.Views;

namespace JenkinsLite.Persistence.Tests.Nodes;

internal sealed class BuiltInNodeStoreTests
{
    private const string Config = """
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson>
          <disabledAdministrativeMonitors/>
          <version>2.555.1</version>
          <some.plugin.Setting attr="kept"><inner>value</inner></some.plugin.Setting>
          <views>
            <hudson.model.AllView>
              <owner class="hudson" reference="../../.."/>
              <name>all</name>
              <properties class="hudson.model.View$PropertyList"/>
            </hudson.model.AllView>
          </views>
        </hudson>
        """;

    // What Jenkins writes when offline-node took the built-in node offline and the config was saved after.
    private const string JenkinsByCli = """
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson>
          <temporaryOfflineCause class="hudson.slaves.OfflineCause$ByCLI">
            <timestamp>1795867200000</timestamp>
            <description>
              <holder>
                <owner>hudson.slaves.Messages</owner>
              </holder>
              <key>SlaveComputer.DisconnectedBy</key>
              <args>
                <string>alice</string>
                <string> : patching</string>
              </args>
            </description>
            <userId>alice</userId>
            <message defined-in="hudson.slaves.OfflineCause$UserCause">patching</message>
            <message>patching</message>
          </temporaryOfflineCause>
          <version>2.555.1</version>
        </hudson>
        """;

    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private TempHome _home = null!;

    [SetUp]
    public void NewHome()
    {
        _home = TempHome.Empty();
        _home.Write("config.xml", Config);
    }

    [TearDown]
    public void RemoveHome() => _home.Dispose();

    [Test]
    public void SaveOfflineCause_WritesXStreamShapeFirstAndKeepsTheRest()
    {
        // Arrange
        var store = new BuiltInNodeStore(_home.Home);

        // Act
        store.SaveOfflineCause(new NodeOfflineCause("admin", "disk <full>", Noon, FromCli: true));

        // Assert
        var text = File.ReadAllText(_home.PathOf("config.xml"));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("""
                <?xml version='1.1' encoding='UTF-8'?>
                <hudson>
                  <temporaryOfflineCause class="hudson.slaves.OfflineCause$UserCause">
                    <timestamp>1795867200000</timestamp>
                    <description>
                      <holder>
                        <owner>hudson.slaves.Messages</owner>
                      </holder>
                      <key>SlaveComputer.DisconnectedBy</key>
                      <args>
                        <string>admin</string>
                        <string> : disk &lt;full&gt;</string>
                      </args>
                    </description>
                    <userId>admin</userId>
                    <message>disk &lt;full&gt;</message>
                  </temporaryOfflineCause>
                  <disabledAdministrativeMonitors/>
                """.ReplaceLineEndings("\n")));
            Assert.That(text, Does.Contain("<some.plugin.Setting attr=\"kept\"><inner>value</inner></some.plugin.Setting>"));
            Assert.That(store.LoadOfflineCause(), Is.EqualTo(new NodeOfflineCause("admin", "disk <full>", Noon, FromCli: false)));
        });
    }

    [Test]
    public void SaveOfflineCause_NullAfterACause_GivesBackTheFileByteForByte()
    {
        // Arrange
        var store = new BuiltInNodeStore(_home.Home);
        var before = File.ReadAllBytes(_home.PathOf("config.xml"));
        store.SaveOfflineCause(new NodeOfflineCause(null, null, Noon, FromCli: false));

        // Act
        store.SaveOfflineCause(null);

        // Assert
        Assert.That(File.ReadAllBytes(_home.PathOf("config.xml")), Is.EqualTo(before));
    }

    [Test]
    public void LoadOfflineCause_JenkinsByCliFile_ReadsUserMessageTimeAndKind()
    {
        // Arrange
        _home.Write("config.xml", JenkinsByCli);
        var store = new BuiltInNodeStore(_home.Home);

        // Act
        var cause = store.LoadOfflineCause();

        // Assert
        Assert.That(cause, Is.EqualTo(new NodeOfflineCause("alice", "patching", Noon, FromCli: true)));
    }

    [Test]
    public void LoadOfflineCause_UnreadableConfig_IsOnline()
    {
        // Arrange
        _home.Write("config.xml", "<hudson><unclosed></hudson>");
        var store = new BuiltInNodeStore(_home.Home);

        // Act
        var cause = store.LoadOfflineCause();

        // Assert
        Assert.That(cause, Is.Null);
    }

    [Test]
    public void SaveOfflineCause_WithViewEdits_NeitherLosesTheOther()
    {
        // Arrange: the two stores edit different elements of the same file from many threads
        var nodes = new BuiltInNodeStore(_home.Home);
        var views = new ViewStore(_home.Home);

        // Act
        Parallel.For(0, 20, i =>
        {
            if (i % 2 == 0)
            {
                nodes.SaveOfflineCause(new NodeOfflineCause("admin", $"round {i}", Noon, FromCli: false));
            }
            else
            {
                views.CreateEmpty($"view{i}", "hudson.model.ListView", out _);
            }
        });

        // Assert
        var reread = new ViewStore(_home.Home);
        Assert.Multiple(() =>
        {
            Assert.That(nodes.LoadOfflineCause(), Is.Not.Null);
            Assert.That(Enumerable.Range(0, 20).Where(i => i % 2 == 1).All(i => reread.Find($"view{i}") is not null), Is.True);
            Assert.That(Encoding.UTF8.GetString(File.ReadAllBytes(_home.PathOf("config.xml"))), Does.Contain("some.plugin.Setting"));
        });
    }
}
