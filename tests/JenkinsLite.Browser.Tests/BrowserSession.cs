using System.Net;
using System.Text;
using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Browser.Tests;

/// <summary>
/// One server and one headless Chromium (Debian's, never a downloaded build) for the whole browser suite.
/// The home is prepared once: a matrix where only admin administers, users alice (no tokens), bob (tokens
/// created 7 and 13 months ago, written into his config.xml before a restart) and carol (a legacy token).
/// </summary>
[SetUpFixture]
internal sealed class BrowserSession
{
    public const string AlicePassword = "alice-pass-1";
    public const string BobPassword = "bob-pass-1";
    public const string CarolPassword = "carol-pass-1";
    public const string TokenBase = "descriptorByName/jenkins.security.ApiTokenProperty";

    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string MatrixConfig = TestServer.MatrixConfig();

    private static IPlaywright? _playwright;

    public static TestServer Server { get; private set; } = null!;

    public static IBrowser Browser { get; private set; } = null!;

    public static string AdminPassword => Server.AdminPassword!;

    /// <summary>Where screenshots go: TestResults/screenshots/ at the repository root (gitignored).</summary>
    public static string ScreenshotFolder { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Assume.That(File.Exists(ChromiumPath), Is.True, "Debian's chromium is not installed (scripts/test.sh installs it)");
        ScreenshotFolder = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(ScreenshotFolder);

        Server = await TestServer.StartWithConfigAsync(MatrixConfig);
        await SeedUsersAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>A password client that keeps its session, so it can carry a crumb like a browser.</summary>
    public static async Task<(HttpClient Client, string Crumb)> PasswordClientAsync(string user, string password)
    {
        var client = Server.Client(user, password, cookies: true);
        using var response = await client.GetAsync("crumbIssuer/api/json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (client, JObject.Parse(await response.Content.ReadAsStringAsync())["crumb"]!.ToString());
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string crumb, string url, params (string Key, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))),
        };
        request.Headers.Add("Jenkins-Crumb", crumb);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task SeedUsersAsync()
    {
        var (admin, crumb) = await PasswordClientAsync("admin", AdminPassword);
        using (admin)
        {
            // carol is created while new users get a legacy token, as on an old Jenkins.
            await ExpectOkAsync(PostAsync(admin, crumb, "manage/apiTokenSettings/configure", ("tokenGenerationOnCreationEnabled", "true")));
            await CreateUserAsync(admin, crumb, "carol", CarolPassword);
            await ExpectOkAsync(PostAsync(admin, crumb, "manage/apiTokenSettings/configure", ("tokenGenerationOnCreationEnabled", "false")));
            await CreateUserAsync(admin, crumb, "alice", AlicePassword);
            await CreateUserAsync(admin, crumb, "bob", BobPassword);

            // The repository's parameterized job, for the dashboard.
            using var job = new HttpRequestMessage(HttpMethod.Post, "createItem?name=greet")
            {
                Content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepositoryRoot(), "jobs", "greet", "config.xml"))),
            };
            job.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
            job.Headers.Add("Jenkins-Crumb", crumb);
            using var created = await admin.SendAsync(job);
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        }

        var (bob, bobCrumb) = await PasswordClientAsync("bob", BobPassword);
        using (bob)
        {
            foreach (var name in new[] { "seven-months", "thirteen-months", "fresh" })
            {
                using var response = await PostAsync(bob, bobCrumb, $"user/bob/{TokenBase}/generateNewToken", ("newTokenName", name), ("expirationDuration", "never"));
                Server.RememberSecret(JObject.Parse(await response.Content.ReadAsStringAsync())["data"]!["tokenValue"]!.ToString());
            }
        }

        // Age bob's tokens in his config.xml while the server is down, as a home migrated from Jenkins would have them.
        await Server.StopAsync();
        var config = Directory.EnumerateFiles(Path.Combine(Server.Home, "users"), "config.xml", SearchOption.AllDirectories)
            .Single(f => File.ReadAllText(f).Contains("<id>bob</id>", StringComparison.Ordinal));
        var now = DateTimeOffset.UtcNow;
        var xml = File.ReadAllText(config);
        xml = SetCreationDate(xml, "seven-months", now.AddMonths(-7));
        xml = SetCreationDate(xml, "thirteen-months", now.AddMonths(-13));
        File.WriteAllText(config, xml, new UTF8Encoding(false));
        await Server.RestartAsync();
    }

    private static string SetCreationDate(string xml, string tokenName, DateTimeOffset date)
    {
        var name = xml.IndexOf($"<name>{tokenName}</name>", StringComparison.Ordinal);
        var start = xml.IndexOf("<creationDate>", name, StringComparison.Ordinal) + "<creationDate>".Length;
        var end = xml.IndexOf("</creationDate>", start, StringComparison.Ordinal);
        Assert.That(name, Is.GreaterThan(0), tokenName);
        return xml[..start] + date.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'.0 UTC'", System.Globalization.CultureInfo.InvariantCulture) + xml[end..];
    }

    private static async Task CreateUserAsync(HttpClient admin, string crumb, string id, string password)
    {
        Server.RememberSecret(password);
        using var response = await PostAsync(admin, crumb, "securityRealm/createAccountByAdmin",
            ("username", id), ("password1", password), ("password2", password), ("fullname", char.ToUpperInvariant(id[0]) + id[1..]));
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
    }

    private static async Task ExpectOkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JenkinsLite.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
