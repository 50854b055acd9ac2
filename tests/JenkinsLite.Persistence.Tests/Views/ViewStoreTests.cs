using System.Text;
using System.Text.RegularExpressions;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Views;
using JenkinsLite.Persistence.Tests.Home;
using JenkinsLite.Persistence.Views;

namespace JenkinsLite.Persistence.Tests.Views;

internal sealed class ViewStoreTests
{
    private const string Config = """
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson>
          <useSecurity>true</useSecurity>
          <some.plugin.Setting attr="kept"><inner>value</inner></some.plugin.Setting>
          <views>
            <hudson.model.AllView>
              <owner class="hudson" reference="../../.."/>
              <name>all</name>
              <properties class="hudson.model.View$PropertyList"/>
            </hudson.model.AllView>
          </views>
          <primaryView>all</primaryView>
        </hudson>
        """;

    private const string ListView = """
        <?xml version="1.1" encoding="UTF-8"?>
        <hudson.model.ListView>
          <name>ignored</name>
          <jobNames><comparator class="hudson.util.CaseInsensitiveComparator"/><string>b</string></jobNames>
        </hudson.model.ListView>
        """;

    private const string Following = """
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson>
          <some.plugin.Setting attr="kept"><inner>value</inner></some.plugin.Setting>
          <views>
            <hudson.model.AllView>
              <owner class="hudson" reference="../../.."/>
              <name>all</name>
              <properties class="hudson.model.View$PropertyList"/>
            </hudson.model.AllView>
            <hudson.model.ListView>
              <owner class="hudson" reference="../../.."/>
              <name>team</name>
              <properties class="hudson.model.View$PropertyList"/>
              <jobNames>
                <comparator class="hudson.util.CaseInsensitiveComparator"/>
                <string>box</string>
                <string>box/inner</string>
                <string>box/inner/deep</string>
                <string>boxer</string>
                <string>x</string>
              </jobNames>
              <jobFilters/>
              <columns/>
              <recurse>true</recurse>
            </hudson.model.ListView>
            <hudson.model.ListView>
              <owner class="hudson" reference="../../.."/>
              <name>other</name>
              <properties class="hudson.model.View$PropertyList"/>
              <jobNames>
                <comparator class="hudson.util.CaseInsensitiveComparator"/>
                <string>X</string>
              </jobNames>
              <jobFilters/>
              <columns/>
              <recurse>false</recurse>
            </hudson.model.ListView>
          </views>
          <primaryView>all</primaryView>
        </hudson>
        """;

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
    public void Create_ListView_StoredInConfigXmlWithUnknownElementsKept()
    {
        var store = new ViewStore(_home.Home);

        var outcome = store.Create("mine", Encoding.UTF8.GetBytes(ListView), out _);
        store.SetJobListed("mine", "a", listed: true);

        var text = File.ReadAllText(_home.PathOf("config.xml"));
        var reread = new ViewStore(_home.Home);
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(ViewChange.Done));
            Assert.That(text, Does.Contain("<some.plugin.Setting attr=\"kept\"><inner>value</inner></some.plugin.Setting>"));
            Assert.That(reread.Find("mine")?.JobNames, Is.EqualTo((string[])["a", "b"]));
            Assert.That(reread.All().Select(v => v.Name), Is.EqualTo((string[])["all", "mine"]));
            Assert.That(Encoding.UTF8.GetString(reread.ReadXml("mine")!), Does.Not.Contain("owner"));
        });
    }

    [Test]
    public void Configure_ListView_ChangesTheFormsElementsOnly_AndAllViewIsNotApplicable()
    {
        // Arrange: a list view with a plugin's column the form does not show
        _home.Write("config.xml", Following.Replace("<columns/>\n      <recurse>true</recurse>",
            "<columns><some.plugin.Column attr=\"kept\"/></columns>\n      <recurse>true</recurse>", StringComparison.Ordinal));
        var store = new ViewStore(_home.Home);

        // Act
        var outcome = store.Configure("team", new ListViewSettings("Team <jobs>", ["x", "box/inner"], "gre.*", Recurse: false));
        var refused = store.Configure("all", new ListViewSettings(null, [], null, Recurse: false));

        // Assert
        var text = File.ReadAllText(_home.PathOf("config.xml"));
        var team = new ViewStore(_home.Home).Find("team")!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(ViewChange.Done));
            Assert.That(refused, Is.EqualTo(ViewChange.NotApplicable));
            Assert.That(team.Description, Is.EqualTo("Team <jobs>"));
            Assert.That(team.JobNames, Is.EqualTo((string[])["box/inner", "x"]));
            Assert.That(team.IncludeRegex, Is.EqualTo("gre.*"));
            Assert.That(team.Recurse, Is.False);
            Assert.That(text, Does.Contain("<columns><some.plugin.Column attr=\"kept\"/></columns>"));
            Assert.That(text, Does.Contain("<some.plugin.Setting attr=\"kept\"><inner>value</inner></some.plugin.Setting>"));
            Assert.That(new ViewStore(_home.Home).Find("other")!.JobNames, Is.EqualTo((string[])["X"]));
        });
    }

    [Test]
    public void SetJobListed_Names_SortedAndUniqueAsJenkinsTreeSet()
    {
        // Arrange
        var store = new ViewStore(_home.Home);
        store.Create("mine", Encoding.UTF8.GetBytes(ListView), out _);

        // Act
        foreach (var name in (string[])["ab", "A_b", "B", "a_B"])
        {
            store.SetJobListed("mine", name, listed: true);
        }

        // Assert: Jenkins' CaseInsensitiveComparator puts '_' before letters; "B" replaced "b"
        Assert.Multiple(() =>
        {
            Assert.That(new ViewStore(_home.Home).Find("mine")?.JobNames, Is.EqualTo((string[])["a_B", "ab", "B"]));
            Assert.That(File.ReadAllText(_home.PathOf("config.xml")), Does.Contain(
                "<jobNames>\n        <comparator class=\"hudson.util.CaseInsensitiveComparator\"/>\n        <string>a_B</string>"));
        });
    }

    [Test]
    public void Create_Duplicate_AlreadyExists_AndDeletePrimary_NotApplicable()
    {
        var store = new ViewStore(_home.Home);

        Assert.Multiple(() =>
        {
            Assert.That(store.Create("all", Encoding.UTF8.GetBytes(ListView), out var problem), Is.EqualTo(ViewChange.AlreadyExists));
            Assert.That(problem, Does.Contain("already exists"));
            Assert.That(store.Delete("all"), Is.EqualTo(ViewChange.NotApplicable));
        });
    }

    [Test]
    public void Create_DtdOrBadName_RefusedAndFileUnchanged()
    {
        var store = new ViewStore(_home.Home);
        var before = File.ReadAllBytes(_home.PathOf("config.xml"));

        Assert.Multiple(() =>
        {
            Assert.That(store.Create("x", Encoding.UTF8.GetBytes("<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>"), out _),
                Is.EqualTo(ViewChange.InvalidConfig));
            Assert.That(store.Create("../x", Encoding.UTF8.GetBytes(ListView), out _), Is.EqualTo(ViewChange.InvalidName));
            Assert.That(File.ReadAllBytes(_home.PathOf("config.xml")), Is.EqualTo(before));
        });
    }

    [Test]
    public void New_BrokenConfigXml_DefaultAllViewInsteadOfAFault()
    {
        _home.Write("config.xml", "<hudson><views>");

        var store = new ViewStore(_home.Home);

        Assert.That(store.All().Select(v => v.Name), Is.EqualTo((string[])["all"]));
    }

    [Test]
    public void Delete_ListView_Removed()
    {
        var store = new ViewStore(_home.Home);
        store.Create("mine", Encoding.UTF8.GetBytes(ListView), out _);

        Assert.Multiple(() =>
        {
            Assert.That(store.Delete("mine"), Is.EqualTo(ViewChange.Done));
            Assert.That(new ViewStore(_home.Home).Find("mine"), Is.Null);
        });
    }

    [Test]
    public void OnLocationChanged_Job_EveryListViewFollowsWithoutCaseAndTheRestIsKept()
    {
        // Arrange
        _home.Write("config.xml", Following);
        var store = new ViewStore(_home.Home);

        // Act
        store.OnLocationChanged(Item("a-x"), "x", "a-x");

        // Assert: "other" listed it as "X"; the new name sorts first
        var reread = new ViewStore(_home.Home);
        Assert.Multiple(() =>
        {
            Assert.That(reread.Find("team")?.JobNames, Is.EqualTo((string[])["a-x", "box", "box/inner", "box/inner/deep", "boxer"]));
            Assert.That(reread.Find("other")?.JobNames, Is.EqualTo((string[])["a-x"]));
            Assert.That(WithoutJobNames(File.ReadAllText(_home.PathOf("config.xml"))), Is.EqualTo(WithoutJobNames(Following)));
        });
    }

    [Test]
    public void OnLocationChanged_Folder_EntriesInsideFollowInOneWrite()
    {
        // Arrange
        _home.Write("config.xml", Following);
        var store = new ViewStore(_home.Home);

        // Act: the registry tells the folder first, then each item in it
        store.OnLocationChanged(Item("crate", ItemKind.Folder), "box", "crate");
        var afterFolder = WrittenAt();
        store.OnLocationChanged(Item("crate/inner", ItemKind.Folder), "box/inner", "crate/inner");
        store.OnLocationChanged(Item("crate/inner/deep"), "box/inner/deep", "crate/inner/deep");

        // Assert: "boxer" only starts like the folder
        Assert.Multiple(() =>
        {
            Assert.That(new ViewStore(_home.Home).Find("team")?.JobNames,
                Is.EqualTo((string[])["boxer", "crate", "crate/inner", "crate/inner/deep", "x"]));
            Assert.That(WrittenAt(), Is.EqualTo(afterFolder));
        });
    }

    [Test]
    public void OnDeleted_Job_RemovedFromEveryListView()
    {
        // Arrange
        _home.Write("config.xml", Following);
        var store = new ViewStore(_home.Home);

        // Act
        store.OnDeleted(Item("x"));

        // Assert: the emptied view keeps its comparator
        var text = File.ReadAllText(_home.PathOf("config.xml"));
        Assert.Multiple(() =>
        {
            Assert.That(new ViewStore(_home.Home).Find("team")?.JobNames, Is.EqualTo((string[])["box", "box/inner", "box/inner/deep", "boxer"]));
            Assert.That(new ViewStore(_home.Home).Find("other")?.JobNames, Is.Empty);
            Assert.That(text, Does.Not.Contain("<string>x</string>").And.Not.Contain("<string>X</string>"));
            Assert.That(text, Does.Contain("""
                      <jobNames>
                        <comparator class="hudson.util.CaseInsensitiveComparator"/>
                      </jobNames>
                """));
        });
    }

    [Test]
    public void OnDeleted_Folder_EntriesInsideRemoved()
    {
        // Arrange
        _home.Write("config.xml", Following);
        var store = new ViewStore(_home.Home);

        // Act
        store.OnDeleted(Item("BOX", ItemKind.Folder));

        // Assert
        Assert.That(new ViewStore(_home.Home).Find("team")?.JobNames, Is.EqualTo((string[])["boxer", "x"]));
    }

    [Test]
    public void OnLocationChangedOrDeleted_NotListed_NothingWritten()
    {
        // Arrange: an old timestamp shows any write, however coarse the file system's clock
        _home.Write("config.xml", Following);
        var store = new ViewStore(_home.Home);
        File.SetLastWriteTimeUtc(_home.PathOf("config.xml"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var before = WrittenAt();

        // Act: "bo" only begins listed names; "box/inner/deep/none" lies under a listed one
        store.OnLocationChanged(Item("elsewhere"), "nowhere", "elsewhere");
        store.OnDeleted(Item("bo"));
        store.OnDeleted(Item("box/inner/deep/none"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(_home.PathOf("config.xml")), Is.EqualTo(Following));
            Assert.That(WrittenAt(), Is.EqualTo(before));
        });
    }

    private static JobItem Item(string fullName, ItemKind kind = ItemKind.FreeStyle) =>
        new(fullName, new JobConfig("project", "hudson.model.FreeStyleProject", kind, null, false, [], null, false, null, null, [], null, null), false);

    private static string WithoutJobNames(string configXml) =>
        Regex.Replace(configXml, "<jobNames>.*?</jobNames>", string.Empty, RegexOptions.Singleline);

    private DateTime WrittenAt() => File.GetLastWriteTimeUtc(_home.PathOf("config.xml"));
}
