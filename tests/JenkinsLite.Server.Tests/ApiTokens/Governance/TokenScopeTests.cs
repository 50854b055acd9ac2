using System.Net;
using JenkinsLite.Server.Tests.Cli;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>Scopes (token-governance.md section 1) over HTTP and the CLI: a token does what its owner may AND its scope allows.</summary>
internal sealed class TokenScopeTests : TokenGovernanceFixture
{
    [Test]
    public async Task ReadToken_ReadsButIsRefusedBuildConfigureAndTokenCreation_WithTheScopeHeaders()
    {
        // Arrange
        var (value, _) = await ScopedAdminTokenAsync(("newTokenName", "reader"), ("scope", "read"));
        using var reader = Server.Client("admin", value);

        // Act
        using var read = await reader.GetAsync("job/greet/api/json");
        using var build = await reader.PostAsync("job/greet/build", null);
        using var configure = await reader.PostAsync("job/greet/config.xml", new StringContent(JobXml, System.Text.Encoding.UTF8, "application/xml"));
        using var mint = await reader.PostAsync($"user/admin/{TokenBase}/generateNewToken", null);

        // Assert
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertScopeRefusalAsync(build, "hudson.model.Item.Build", "read");
        await AssertScopeRefusalAsync(configure, "hudson.model.Item.Configure", "read");
        await AssertScopeRefusalAsync(mint, "jenkinslite.ApiToken.Manage", "read");
        Assert.That((await TokensOfAsync("admin")).Count(t => t["name"]!.ToString() == "reader"), Is.EqualTo(1));
    }

    [Test]
    public async Task CustomToken_HasItsPermissionsOnly()
    {
        var (value, _) = await ScopedAdminTokenAsync(("newTokenName", "builder"), ("scope", "custom"), ("permissions", "hudson.model.Item.Build"));
        using var builder = Server.Client("admin", value);

        using var build = await builder.PostAsync("job/hello-world/build?delay=0sec", null);
        using var configure = await builder.PostAsync("job/hello-world/disable", null);

        Assert.That(build.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await AssertScopeRefusalAsync(configure, "hudson.model.Item.Configure", "custom");
    }

    [Test]
    public async Task ScopeIsShownInTheTokenList()
    {
        var (_, uuid) = await ScopedAdminTokenAsync(("newTokenName", "listed"), ("scope", "build"), ("items", "team-a/**"));

        var token = (await TokensOfAsync("admin")).Single(t => t["uuid"]!.ToString() == uuid);

        Assert.Multiple(() =>
        {
            Assert.That(token["scope"]!["name"]!.ToString(), Is.EqualTo("build"));
            Assert.That(token["scope"]!["permissions"]!.Select(p => p.ToString()), Does.Contain("hudson.model.Item.Build").And.Contain("hudson.model.Hudson.Read"));
            Assert.That(string.Join(",", token["scope"]!["items"]!), Is.EqualTo("team-a/**"));
            Assert.That(token["createdBy"]!.ToString(), Is.EqualTo("admin"));
            Assert.That(token["rotatedTo"]!.Type, Is.EqualTo(JTokenType.Null));
        });
    }

    [Test]
    public async Task FullTokenAndSession_AreNotNarrowed()
    {
        var tokens = await TokensOfAsync("admin");
        var setup = tokens.Single(t => t["name"]!.ToString() == "setup");
        using var full = Server.Client("admin", AdminToken);

        using var configure = await full.GetAsync("job/greet/config.xml");

        Assert.That(setup["scope"]!["name"]!.ToString(), Is.EqualTo("full"));
        Assert.That(setup["scope"]!["permissions"]!, Is.Empty);
        Assert.That(configure.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("scope", "admin", "Unknown token scope 'admin'")]
    [TestCase("permissions", "hudson.model.Item.Fly", "Unknown permission 'hudson.model.Item.Fly'")]
    [TestCase("scope", "custom", "needs at least one permission")]
    [TestCase("items", "/absolute", "Invalid item pattern '/absolute'")]
    public async Task BadScope_Is400NamingItAndCreatesNothing(string field, string value, string message)
    {
        var before = (await TokensOfAsync("admin")).Count;
        (string, string)[] form = field == "permissions"
            ? [("scope", "custom"), (field, value)]
            : [(field, value)];

        var (status, body, text) = await TokenActionAsync("admin", AdminPassword, "generateNewToken", form);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(body!["message"]!.ToString(), Does.Contain(message));
        Assert.That((await TokensOfAsync("admin")).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task ItemLimitedToken_SeesOnlyItsItems_InApiJsonAndListJobs()
    {
        // Arrange
        var (value, _) = await ScopedAdminTokenAsync(("newTokenName", "team-a-deploy"), ("scope", "build"), ("items", "team-a/deploy"));
        using var limited = Server.Client("admin", value);

        // Act
        var root = await JsonAsync(limited, "api/json");
        var folder = await JsonAsync(limited, "job/team-a/api/json");
        using var outside = await limited.GetAsync("job/greet/api/json");
        using var sibling = await limited.GetAsync("job/team-a/job/other/api/json");
        using var buildOutside = await limited.PostAsync("job/greet/build", null);
        using var buildFolder = await limited.PostAsync("job/team-a/disable", null);
        var topLevel = await CliAsync(Http, "admin", value, "list-jobs");
        var inFolder = await CliAsync(Http, "admin", value, "list-jobs", "team-a");
        var cliOutside = await CliAsync(Http, "admin", value, "get-job", "greet");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Names(root), Is.EqualTo("team-a"));
            Assert.That(Names(folder), Is.EqualTo("deploy"));
            Assert.That(outside.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(sibling.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(buildOutside.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(buildFolder.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(topLevel.Code, Is.Zero, topLevel.ToString());
            Assert.That(topLevel.Out.Trim(), Is.EqualTo("team-a"));
            Assert.That(inFolder.Out.Trim(), Is.EqualTo("deploy"));
            Assert.That(cliOutside.Code, Is.EqualTo(3), cliOutside.ToString());
        });
    }

    [Test]
    public async Task CliListApiTokens_PrintsEachTokensScope()
    {
        var (_, custom) = await ScopedAdminTokenAsync(("newTokenName", "cli-custom"), ("scope", "custom"),
            ("permissions", "hudson.model.Item.Build"), ("items", "team-a/**"), ("items", "deploy-*"));
        var (_, read) = await ScopedAdminTokenAsync(("newTokenName", "cli-read"), ("scope", "read"));

        var list = await CliAsync(Http, "admin", AdminToken, "list-api-tokens");
        var all = await CliAsync(Http, "admin", AdminToken, "list-api-tokens", "admin", "--all");

        string ScopeOf(string output, string uuid, int fromEnd) => output.Split('\n').Single(l => l.Contains(uuid, StringComparison.Ordinal)).Split('\t')[^fromEnd];
        Assert.Multiple(() =>
        {
            Assert.That(list.Code, Is.Zero, list.ToString());
            Assert.That(ScopeOf(list.Out, custom, 1), Is.EqualTo("custom(hudson.model.Item.Build) on team-a/**, deploy-*"));
            Assert.That(ScopeOf(list.Out, read, 1), Is.EqualTo("read"));
            Assert.That(list.Out.Split('\n').Single(l => l.StartsWith("setup\t", StringComparison.Ordinal)), Does.EndWith("\tfull"));
            Assert.That(all.Code, Is.Zero, all.ToString());
            Assert.That(ScopeOf(all.Out, custom, 3), Is.EqualTo("custom(hudson.model.Item.Build) on team-a/**, deploy-*"), "--all adds LAST_ADDRESS and FLAGS after it");
        });
    }

    [Test]
    public async Task ItemLimitedToken_CliBuildCommands_CheckEachItem()
    {
        // Arrange: the folder team-a shows (it holds deploy) but is not in the list
        var (value, _) = await ScopedAdminTokenAsync(("newTokenName", "deploy-only"), ("scope", "custom"),
            ("permissions", "hudson.model.Item.Cancel"), ("permissions", "hudson.model.Run.Delete"), ("permissions", "hudson.model.Item.Configure"),
            ("items", "team-a/deploy"));

        // Act
        var stopFolder = await CliAsync(Http, "admin", value, "stop-builds", "team-a");
        var stopListed = await CliAsync(Http, "admin", value, "stop-builds", "team-a/deploy");
        var reloadFolder = await CliAsync(Http, "admin", value, "reload-job", "team-a");
        var deleteListed = await CliAsync(Http, "admin", value, "delete-builds", "team-a/deploy", "1");
        var deleteOutside = await CliAsync(Http, "admin", value, "delete-builds", "greet", "1");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stopFolder.Code, Is.EqualTo(6), stopFolder.ToString());
            Assert.That(stopFolder.Err, Does.Contain("This API token's scope does not allow hudson.model.Item.Cancel"));
            Assert.That(stopListed.Code, Is.Zero, stopListed.ToString());
            Assert.That(reloadFolder.Code, Is.Not.Zero, reloadFolder.ToString());
            Assert.That(reloadFolder.Err, Does.Contain("This API token's scope does not allow hudson.model.Item.Configure"));
            Assert.That(deleteListed.Code, Is.Zero, deleteListed.ToString());
            Assert.That(deleteOutside.Code, Is.EqualTo(3), deleteOutside.ToString());
            Assert.That(deleteOutside.Err, Does.Not.Contain("hello-world").And.Not.Contain("perhaps"), "no suggestion names an item outside the list");
        });
    }

    [Test]
    public async Task ItemLimitedToken_CreatesAndCopiesOnlyInsideItsItems()
    {
        // Arrange
        var (value, _) = await ScopedAdminTokenAsync(("newTokenName", "team-a-creator"), ("scope", "custom"),
            ("permissions", "hudson.model.Item.Create"), ("items", "team-a"), ("items", "team-a/**"));
        using var creator = Server.Client("admin", value);
        var xml = System.Text.Encoding.UTF8.GetBytes(JobXml);

        // Act
        using var outside = await creator.PostAsync("createItem?name=outside-http", new StringContent(JobXml, System.Text.Encoding.UTF8, "application/xml"));
        var outsideCli = await CliWithStdinAsync(Http, "admin", value, xml, "create-job", "outside-cli");
        var insideCli = await CliWithStdinAsync(Http, "admin", value, xml, "create-job", "team-a/inside-cli");
        var copyOutside = await CliAsync(Http, "admin", value, "copy-job", "team-a/deploy", "copied-out");
        using var copyFromOutside = await creator.PostAsync("job/team-a/createItem?name=copied-in&mode=copy&from=/greet", null);

        // Assert
        await AssertScopeRefusalAsync(outside, "hudson.model.Item.Create", "custom");
        using var admin = Server.Client("admin", AdminToken);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(outsideCli.Code, Is.EqualTo(6), outsideCli.ToString());
            Assert.That(insideCli.Code, Is.Zero, insideCli.ToString());
            Assert.That(copyOutside.Code, Is.EqualTo(6), copyOutside.ToString());
            Assert.That(copyFromOutside.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await StatusAsync(admin, "job/outside-http/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync(admin, "job/outside-cli/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync(admin, "job/copied-out/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync(admin, "job/team-a/job/copied-in/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
        });

        static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
        {
            using var response = await client.GetAsync(url);
            return response.StatusCode;
        }
    }

    [Test]
    public async Task ReadToken_OverTheCli_IsRefusedBuildWithExit6AndTheScopeMessage()
    {
        var (value, _) = await ScopedAdminTokenAsync(("newTokenName", "cli-reader"), ("scope", "read"));

        var list = await CliAsync(Http, "admin", value, "list-jobs");
        var build = await CliAsync(Http, "admin", value, "build", "greet");
        var mint = await CliAsync(Http, "admin", value, "generate-api-token", "minted");

        Assert.Multiple(() =>
        {
            Assert.That(list.Code, Is.Zero, list.ToString());
            Assert.That(list.Out, Does.Contain("greet"));
            Assert.That(build.Code, Is.EqualTo(6), build.ToString());
            Assert.That(build.Err, Does.Contain("This API token's scope does not allow hudson.model.Item.Build"));
            Assert.That(mint.Code, Is.EqualTo(6), mint.ToString());
            Assert.That(mint.Err, Does.Contain("This API token's scope does not allow jenkinslite.ApiToken.Manage"));
        });
    }

    [Test]
    public async Task SecurityPage_OffersTheScopeWithALabel_AndShowsEachTokensScope()
    {
        await ScopedAdminTokenAsync(("newTokenName", "page-reader"), ("scope", "read"), ("items", "team-a/*"));
        using var admin = Server.Client("admin", AdminToken);

        var page = await admin.GetStringAsync("user/admin/security/");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("<label for=\"tokenScope\">Scope</label>"));
            Assert.That(page, Does.Contain("<select id=\"tokenScope\" name=\"scope\""));
            Assert.That(page, Does.Contain("<option value=\"read\">").And.Contain("<option value=\"build\">").And.Contain("<option value=\"custom\">"));
            Assert.That(page, Does.Contain("scope: read on team-a/*"));
            Assert.That(page, Does.Contain("<label for=\"tokenItems\">Items (optional)</label><textarea id=\"tokenItems\" name=\"items\""));
            Assert.That(page, Does.Contain("<legend>Permissions of the custom scope</legend>"));
            Assert.That(page, Does.Contain("<label class=\"check\"><input type=\"checkbox\" name=\"permissions\" value=\"hudson.model.Item.Build\" /> Job/Build</label>"));
            Assert.That(page, Does.Not.Contain("value=\"hudson.model.Item.Read\""), "always included, so not offered");
        });
    }

    [Test]
    public async Task ItemsFromTheTextArea_OnePatternALine_AreEachStored()
    {
        var (_, uuid) = await ScopedAdminTokenAsync(("newTokenName", "two-patterns"), ("scope", "custom"),
            ("permissions", "hudson.model.Item.Build"), ("permissions", "hudson.model.Item.Cancel"), ("items", "team-a/*\r\ndeploy-*\r\n"));

        var token = (await TokensOfAsync("admin")).Single(t => t["uuid"]!.ToString() == uuid);

        Assert.That(token["scope"]!["items"]!.Select(i => i.ToString()), Is.EqualTo((string[])["team-a/*", "deploy-*"]));
        Assert.That(token["scope"]!["permissions"]!.Select(i => i.ToString()), Does.Contain("hudson.model.Item.Cancel"));
    }

    [Test]
    public async Task PythonJenkins_WithAReadToken_ListsAndReadsJobs_AndIsRefusedBuildJob()
    {
        var (value, _) = await ScopedAdminTokenAsync(("newTokenName", "python-reader"), ("scope", "read"));
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3",
            [Path.Combine(RepositoryRoot(), "tests", "clients", "python_jenkins_read_token.py"), Url.TrimEnd('/'), "admin", value])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.That(process.ExitCode, Is.Zero, await output + await errors);
        Assert.That(await output, Does.Contain("ok: build_job refused").And.Contain("ALL OK"));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JenkinsLite.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("JenkinsLite.sln was not found above the test folder.");
    }

    private static string Names(JObject model) => string.Join(",", model["jobs"]!.Select(j => j["name"]!.ToString()));

    private static async Task AssertScopeRefusalAsync(HttpResponseMessage response, string permission, string scope)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), body);
            Assert.That(response.Headers.GetValues("X-Required-Permission").Single(), Is.EqualTo(permission));
            Assert.That(response.Headers.GetValues("X-JenkinsLite-Token-Scope").Single(), Is.EqualTo(scope));
            Assert.That(body, Is.EqualTo($"This API token's scope does not allow {permission}"));
        });
    }
}
