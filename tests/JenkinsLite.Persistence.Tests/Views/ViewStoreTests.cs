using System.Text;
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
}
