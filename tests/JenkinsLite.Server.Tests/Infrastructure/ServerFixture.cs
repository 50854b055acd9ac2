using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Infrastructure;

/// <summary>
/// Base of the end-to-end fixtures: one real server per fixture on a seeded temp home, and after every
/// test a check that no secret the test made reached the home folder or the log.
/// </summary>
internal abstract class ServerFixture
{
    protected const string TokenBase = "descriptorByName/jenkins.security.ApiTokenProperty";

    protected TestServer Server { get; private set; } = null!;

    protected string AdminPassword => Server.AdminPassword!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => Server = await StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await Server.DisposeAsync();

    [TearDown]
    public void NoSecretReachedDiskOrLog() => Server.AssertNoSecretLeaks();

    protected virtual Task<TestServer> StartAsync() => TestServer.StartSeededAsync();

    protected HttpClient Admin() => Server.Client("admin", AdminPassword);

    /// <summary>The scripted way users get a token: crumb and session with the password, then generateNewToken.</summary>
    protected Task<(string Value, string Uuid)> GenerateTokenAsync(string user, string password, string? name = null, string? expirationDuration = null) =>
        Server.GenerateTokenAsync(user, password, name, expirationDuration);

    protected static async Task<string> CrumbAsync(HttpClient client)
    {
        using var response = await client.GetAsync("crumbIssuer/api/json");
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        return JObject.Parse(await response.Content.ReadAsStringAsync())["crumb"]!.ToString();
    }

    /// <summary>Creates a user through Jenkins' admin form; the password is remembered as a secret.</summary>
    protected async Task CreateUserAsync(string id, string password)
    {
        Server.RememberSecret(password);
        using var client = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(client);
        using var response = await client.PostAsync("securityRealm/createAccountByAdmin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = id,
            ["password1"] = password,
            ["password2"] = password,
            ["fullname"] = id.ToUpperInvariant(),
            ["Jenkins-Crumb"] = crumb,
        }));
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
    }

    protected static async Task<JObject> JsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), text);
        return JObject.Parse(text);
    }

    protected static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] form) =>
        await client.PostAsync(url, new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))));

    protected static async Task<System.Net.HttpStatusCode> WhoAmIStatusAsync(TestServer server, string user, string secret)
    {
        using var client = server.Client(user, secret);
        using var response = await client.GetAsync("whoAmI/api/json");
        return response.StatusCode;
    }
}
