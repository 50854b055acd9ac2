using System.Net;
using JenkinsLite.Server.Tests.Jobs;

namespace JenkinsLite.Server.Tests.Views;

/// <summary>Views end to end (rest-api.md section 3), stored in the home's config.xml.</summary>
internal sealed class ViewEndpointTests : JobFixture
{
    private const string ListView = """
        <?xml version="1.1" encoding="UTF-8"?>
        <hudson.model.ListView>
          <name>team</name>
          <filterExecutors>false</filterExecutors>
          <filterQueue>false</filterQueue>
          <properties class="hudson.model.View$PropertyList"/>
          <jobNames>
            <comparator class="hudson.util.CaseInsensitiveComparator"/>
            <string>greet</string>
          </jobNames>
          <jobFilters/>
          <columns/>
          <recurse>false</recurse>
        </hudson.model.ListView>
        """;

    [Test]
    public async Task AllView_TreeName_AndUnknownView404()
    {
        var all = await GetJsonAsync("view/all/api/json?tree=name");

        Assert.Multiple(async () =>
        {
            Assert.That(all["name"]!.ToString(), Is.EqualTo("all"));
            Assert.That(await StatusAsync("view/jjb-plain/api/json?tree=name"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync("view/jjb-plain/api/json", HttpMethod.Head), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync("view/all/api/json", HttpMethod.Head), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ListView_CreateListJobsConfigAndDelete()
    {
        using var client = AdminToken();

        using var created = await PostXmlAsync(client, "createView?name=team", ListView);
        using var duplicate = await PostXmlAsync(client, "createView?name=team", ListView);
        var view = await GetJsonAsync("view/team/api/json?tree=jobs[url,color,name]");
        using var added = await PostEmptyAsync(client, "view/team/addJobToView?name=hello-world");
        var afterAdd = await GetJsonAsync("view/team/api/json");
        var config = await GetTextAsync("view/team/config.xml");
        var root = await GetJsonAsync("api/json?tree=views[name,url]");
        using var deleted = await PostEmptyAsync(client, "view/team/doDelete");

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(created.Content.Headers.ContentLength, Is.Zero);
            Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(duplicate.Headers.Contains("X-Error"), Is.True);
            Assert.That(view["jobs"]!.Select(j => j["name"]!.ToString()), Is.EqualTo((string[])["greet"]));
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterAdd["jobs"]!.Select(j => j["name"]!.ToString()), Is.EqualTo((string[])["greet", "hello-world"]));
            Assert.That(afterAdd["url"]!.ToString(), Is.EqualTo(Url("view/team/")));
            Assert.That(config, Does.Contain("<string>hello-world</string>"));
            Assert.That(root["views"]!.Select(v => v["name"]!.ToString()), Does.Contain("all").And.Contain("team"));
            Assert.That((int)deleted.StatusCode, Is.EqualTo(302));
            Assert.That(deleted.Headers.Location?.ToString(), Is.EqualTo(Url(string.Empty)));
            Assert.That(await StatusAsync("view/team/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(Server.Home, "config.xml")), Does.Contain("<authorizationStrategy"));
        });
    }

    [Test]
    public async Task ListView_JobRenamedThenDeleted_ViewFollowsIt()
    {
        // Arrange
        using var client = AdminToken();
        await CreateAsync("createItem?name=follow-me", FreeStyle);
        using var created = await PostAsync(client, "createView", ("name", "following"), ("mode", "hudson.model.ListView"));
        using var added = await PostEmptyAsync(client, "view/following/addJobToView?name=follow-me");

        // Act
        using var renamed = await PostEmptyAsync(client, "job/follow-me/doRename?newName=followed");
        var afterRename = await GetJsonAsync("view/following/api/json");
        using var deleted = await PostEmptyAsync(client, "job/followed/doDelete");
        var afterDelete = await GetJsonAsync("view/following/api/json");

        // Assert
        var config = await File.ReadAllTextAsync(Path.Combine(Server.Home, "config.xml"));
        Assert.Multiple(() =>
        {
            Assert.That(((int)created.StatusCode, added.StatusCode), Is.EqualTo((302, HttpStatusCode.OK)));
            Assert.That(((int)renamed.StatusCode, (int)deleted.StatusCode), Is.EqualTo((302, 302)));
            Assert.That(afterRename["jobs"]!.Select(j => j["name"]!.ToString()), Is.EqualTo((string[])["followed"]));
            Assert.That(afterDelete["jobs"]!, Is.Empty);
            Assert.That(config, Does.Not.Contain("<string>followed</string>").And.Not.Contain("<string>follow-me</string>"));
        });
    }

    [Test]
    public async Task CreateView_NodeStyleForm_302()
    {
        using var client = AdminToken();

        using var response = await PostAsync(client, "createView", ("name", "from-form"), ("mode", "hudson.model.ListView"),
            ("json", """{"name":"from-form","mode":"hudson.model.ListView"}"""));

        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(302));
            Assert.That(await StatusAsync("view/from-form/"), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task CreateView_DtdBadNameOrGet_Refused()
    {
        using var client = AdminToken();
        var before = await File.ReadAllBytesAsync(Path.Combine(Server.Home, "config.xml"));

        using var dtd = await PostXmlAsync(client, "createView?name=evil", "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><hudson.model.ListView>&e;</hudson.model.ListView>");
        using var badName = await PostXmlAsync(client, "createView?name=..%2Fx", ListView);

        Assert.Multiple(async () =>
        {
            Assert.That(dtd.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badName.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await StatusAsync("createView?name=x"), Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(Server.Home, "config.xml")), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task DeletePrimaryView_400()
    {
        using var client = AdminToken();

        using var response = await PostEmptyAsync(client, "view/all/doDelete");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
