using System.Net;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Jobs;

/// <summary>Folders: items under /job/a/job/b/, python-jenkins' 10-level job list, rename and delete of a folder.</summary>
internal sealed class FolderTests : JobFixture
{
    // python-jenkins' get_all_jobs: tree=jobs[url,color,name,jobs[...]] nested 10 times.
    private static readonly string PythonJenkinsTree = BuildTree(10);

    [OneTimeSetUp]
    public async Task CreateFoldersAsync()
    {
        await CreateAsync("createItem?name=outer", Folder);
        await CreateAsync("job/outer/createItem?name=middle", Folder);
        await CreateAsync("job/outer/job/middle/createItem?name=deep%20job", FreeStyle);
    }

    [Test]
    public async Task NestedJob_ApiConfigAndPages_Answer()
    {
        var job = await GetJsonAsync("job/outer/job/middle/job/deep%20job/api/json");

        Assert.Multiple(async () =>
        {
            Assert.That(job["fullName"]!.ToString(), Is.EqualTo("outer/middle/deep job"));
            Assert.That(job["fullDisplayName"]!.ToString(), Is.EqualTo("outer » middle » deep job"));
            Assert.That(job["url"]!.ToString(), Is.EqualTo(Url("job/outer/job/middle/job/deep%20job/")));
            Assert.That(await GetTextAsync("job/outer/job/middle/job/deep%20job/config.xml"), Is.EqualTo(FreeStyle));
            Assert.That(await StatusAsync("job/outer/job/middle/job/deep%20job/configure"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(File.Exists(Path.Combine(Server.Home, "jobs", "outer", "jobs", "middle", "jobs", "deep job", "config.xml")), Is.True);
        });
    }

    [Test]
    public async Task Folder_IsFolderClassWithJobs()
    {
        var folder = await GetJsonAsync("job/outer/api/json");

        Assert.Multiple(() =>
        {
            Assert.That(folder["_class"]!.ToString(), Is.EqualTo("com.cloudbees.hudson.plugins.folder.Folder"));
            Assert.That(folder["jobs"]!.Select(j => j["name"]!.ToString()), Is.EqualTo((string[])["middle"]));
            Assert.That(folder["jobs"]![0]!["color"], Is.Null, "a folder has no color");
        });
    }

    [Test]
    public async Task RootApi_PythonJenkinsTenLevelTree_WalksTheFolders()
    {
        var root = await GetJsonAsync("api/json?tree=" + Uri.EscapeDataString(PythonJenkinsTree));

        var outer = root["jobs"]!.Single(j => j["name"]!.ToString() == "outer");
        var deep = outer["jobs"]![0]!["jobs"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(deep["name"]!.ToString(), Is.EqualTo("deep job"));
            Assert.That(deep["color"]!.ToString(), Is.EqualTo("notbuilt"));
            Assert.That(deep["url"]!.ToString(), Is.EqualTo(Url("job/outer/job/middle/job/deep%20job/")));
            Assert.That(((JObject)deep).Properties().Select(p => p.Name), Is.EquivalentTo((string[])["_class", "url", "color", "name"]));
        });
    }

    [Test]
    public async Task CreateItem_InFolder_DuplicateAndMissingFolder()
    {
        using var client = AdminToken();

        using var duplicate = await PostXmlAsync(client, "job/outer/createItem?name=MIDDLE", FreeStyle);
        using var missing = await PostXmlAsync(client, "job/nowhere/createItem?name=x", FreeStyle);
        using var notFolder = await PostXmlAsync(client, "job/hello-world/createItem?name=x", FreeStyle);

        Assert.Multiple(() =>
        {
            Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(notFolder.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task RenameAndDelete_Folder_MoveEverythingInside()
    {
        await CreateAsync("createItem?name=box", Folder);
        await CreateAsync("job/box/createItem?name=inside", FreeStyle);
        using var client = AdminToken();

        using var renamed = await PostEmptyAsync(client, "job/box/doRename?newName=crate");
        Assert.That(await StatusAsync("job/crate/job/inside/api/json"), Is.EqualTo(HttpStatusCode.OK));

        using var deletedInner = await PostEmptyAsync(client, "job/crate/job/inside/doDelete");
        Assert.That(deletedInner.Headers.Location?.ToString(), Is.EqualTo(Url("job/crate/")));

        using var deleted = await PostEmptyAsync(client, "job/crate/doDelete");
        Assert.Multiple(async () =>
        {
            Assert.That((int)renamed.StatusCode, Is.EqualTo(302));
            Assert.That((int)deleted.StatusCode, Is.EqualTo(302));
            Assert.That(await StatusAsync("job/crate/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Directory.Exists(Path.Combine(Server.Home, "jobs", "crate")), Is.False);
        });
    }

    [Test]
    public async Task EnableOnFolder_404()
    {
        using var client = AdminToken();

        using var response = await PostEmptyAsync(client, "job/outer/enable");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static string BuildTree(int levels) =>
        levels == 0 ? string.Empty : "jobs[url,color,name" + (levels > 1 ? "," + BuildTree(levels - 1) : string.Empty) + "]";
}
