using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Jobs;

/// <summary>Jenkins' item visibility under a permission matrix: unreadable is 404, discoverable only is 403.</summary>
internal sealed class JobAuthorizationTests : JobFixture
{
    private static readonly string MatrixConfig = TestServer.MatrixConfig("USER:hudson.model.Item.Discover:alice", "USER:hudson.model.Item.Read:carol", "USER:hudson.model.View.Read:carol");

    private string _alice = null!;
    private string _bob = null!;
    private string _carol = null!;

    [OneTimeSetUp]
    public async Task CreateUsersAndJobAsync()
    {
        await CreateUserAsync("alice", "alice-password-3");
        await CreateUserAsync("bob", "bob-password-3");
        await CreateUserAsync("carol", "carol-password-3");
        (_alice, _) = await GenerateTokenAsync("alice", "alice-password-3", "t");
        (_bob, _) = await GenerateTokenAsync("bob", "bob-password-3", "t");
        (_carol, _) = await GenerateTokenAsync("carol", "carol-password-3", "t");
        await CreateAsync("createItem?name=secret", FreeStyle);
    }

    [TestCase("bob", HttpStatusCode.NotFound)]
    [TestCase("alice", HttpStatusCode.Forbidden)]
    [TestCase("carol", HttpStatusCode.OK)]
    public async Task JobApi_ByPermission_404Or403Or200(string user, HttpStatusCode expected)
    {
        using var client = Server.Client(user, TokenOf(user));

        using var response = await client.GetAsync("job/secret/api/json");

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task Discoverable_403_CarriesJenkinsHeaders()
    {
        using var client = Server.Client("alice", _alice);

        using var response = await client.GetAsync("job/secret/api/json");

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-You-Are-Authenticated-As").Single(), Is.EqualTo("alice"));
            Assert.That(response.Headers.GetValues("X-Required-Permission").Single(), Is.EqualTo("hudson.model.Item.Read"));
        });
    }

    [Test]
    public async Task ReaderOnly_CannotCreateConfigureDeleteOrReadConfig()
    {
        using var carol = Server.Client("carol", _carol);

        using var create = await PostXmlAsync(carol, "createItem?name=carols", FreeStyle);
        using var disable = await PostEmptyAsync(carol, "job/secret/disable");
        using var delete = await PostEmptyAsync(carol, "job/secret/doDelete");
        using var config = await carol.GetAsync("job/secret/config.xml");
        using var post = await PostXmlAsync(carol, "job/secret/config.xml", FreeStyle);
        using var view = await PostXmlAsync(carol, "createView?name=v", "<hudson.model.ListView/>");

        Assert.Multiple(async () =>
        {
            Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(create.Headers.GetValues("X-Required-Permission").Single(), Is.EqualTo("hudson.model.Item.Create"));
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(config.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(view.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(Directory.Exists(Path.Combine(Server.Home, "jobs", "carols")), Is.False);
            Assert.That(await StatusAsync("job/secret/api/json"), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task RootApi_JobsListedOnlyToReaders()
    {
        using var bob = Server.Client("bob", _bob);
        using var carol = Server.Client("carol", _carol);

        var bobs = await bob.GetStringAsync("api/json?tree=jobs[name]");
        var carols = await carol.GetStringAsync("api/json?tree=jobs[name]");

        Assert.Multiple(() =>
        {
            Assert.That(bobs, Is.EqualTo("""{"_class":"hudson.model.Hudson","jobs":[]}"""));
            Assert.That(carols, Is.EqualTo("""{"_class":"hudson.model.Hudson","jobs":[{"_class":"hudson.model.FreeStyleProject","name":"secret"}]}"""));
        });
    }

    [Test]
    public async Task Anonymous_403OnEverything()
    {
        using var anonymous = Server.Client();

        Assert.Multiple(async () =>
        {
            Assert.That((await anonymous.GetAsync("job/secret/api/json")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await anonymous.GetAsync("api/json")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await anonymous.GetAsync("computer/api/json")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task PluginManager_NonAdmin403_Admin200()
    {
        using var carol = Server.Client("carol", _carol);

        using var response = await carol.GetAsync("pluginManager/api/json");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await StatusAsync("pluginManager/api/json"), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    protected override Task<TestServer> StartAsync() => TestServer.StartWithConfigAsync(MatrixConfig);

    private string TokenOf(string user) => user switch { "alice" => _alice, "bob" => _bob, _ => _carol };
}
