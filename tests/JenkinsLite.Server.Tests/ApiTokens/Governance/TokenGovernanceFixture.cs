using System.Net;
using System.Text;
using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Tests.Cli;
using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>
/// A live server with folder <c>team-a</c> (jobs <c>deploy</c> and <c>other</c>) besides the seeded jobs, an admin
/// full token, and helpers to create tokens with a scope the way scripts do (session, crumb, form fields).
/// </summary>
internal abstract class TokenGovernanceFixture : CliFixture
{
    protected const string FolderXml = """
        <?xml version='1.1' encoding='UTF-8'?>
        <com.cloudbees.hudson.plugins.folder.Folder plugin="cloudbees-folder@6.955">
          <properties/>
        </com.cloudbees.hudson.plugins.folder.Folder>
        """;

    protected const string JobXml = """
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <disabled>false</disabled>
          <builders/>
        </project>
        """;

    protected string AdminToken { get; private set; } = null!;

    /// <summary>
    /// The server's clock, which tests move on (grace windows). It stands still otherwise: builds here start with
    /// no quiet period, and the daily sweep waits on it (SweepTests moves it on purpose).
    /// </summary>
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The root config.xml to start with; null: the seeded home, where every signed-in user may do anything.</summary>
    protected virtual string? ConfigXml => null;

    protected override Task<TestServer> StartAsync()
    {
        ServerOptions Configure(ServerOptions o) => o with
        {
            Clock = Clock,
            Cli = new CliTimeouts { Start = ShortLimit, Pairing = ShortLimit, UploadIdle = ShortLimit },
        };
        return ConfigXml is { } config ? TestServer.StartWithConfigAsync(config, Configure) : TestServer.StartSeededAsync(Configure);
    }

    [OneTimeSetUp]
    public async Task CreateItemsAsync()
    {
        (AdminToken, _) = await GenerateTokenAsync("admin", AdminPassword, "setup");
        await CreateItemAsync("createItem?name=team-a", FolderXml);
        await CreateItemAsync("job/team-a/createItem?name=deploy", JobXml);
        await CreateItemAsync("job/team-a/createItem?name=other", JobXml);
    }

    /// <summary>generateNewToken (or another action) for <paramref name="user"/>, signed in with a session and crumb.</summary>
    protected async Task<(HttpStatusCode Status, JObject? Body, string Text)> TokenActionAsync(
        string user, string password, string action, params (string Key, string Value)[] form)
    {
        using var client = Server.Client(user, password, cookies: true);
        var crumb = await CrumbAsync(client);
        using var response = await PostAsync(client, $"user/{user}/{TokenBase}/{action}", [.. form, ("Jenkins-Crumb", crumb)]);
        return await ReadAsync(response);
    }

    /// <summary>Creates a token with the given scope fields for the admin; its value is remembered as a secret.</summary>
    protected async Task<(string Value, string Uuid)> ScopedAdminTokenAsync(params (string Key, string Value)[] form)
    {
        var (status, body, text) = await TokenActionAsync("admin", AdminPassword, "generateNewToken", form);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        var value = body!["data"]!["tokenValue"]!.ToString();
        Server.RememberSecret(value);
        return (value, body["data"]!["tokenUuid"]!.ToString());
    }

    protected async Task<JArray> TokensOfAsync(string user)
    {
        using var admin = Server.Client("admin", AdminToken);
        var json = await JsonAsync(admin, $"user/{user}/api/json");
        return (JArray)json["property"]!.First(p => p["_class"]!.ToString() == "jenkins.security.ApiTokenProperty")["tokens"]!;
    }

    protected static async Task<(HttpStatusCode Status, JObject? Body, string Text)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JObject? body = null;
        if (text.StartsWith('{'))
        {
            body = JObject.Parse(text);
        }

        return (response.StatusCode, body, text);
    }

    private async Task CreateItemAsync(string url, string xml)
    {
        using var admin = Server.Client("admin", AdminToken);
        using var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        using var response = await admin.PostAsync(url, content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
