using System.Net;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>init.tokens.d (token-governance.md section 5): declared service-account tokens, applied at start and on reload, idempotent.</summary>
internal sealed class DeclaredTokenTests
{
    private string _secrets = null!;

    [SetUp]
    public void CreateSecretsFolder() => _secrets = Directory.CreateTempSubdirectory("jenkinslite-declared-").FullName;

    [TearDown]
    public void DeleteSecretsFolder() => Directory.Delete(_secrets, recursive: true);

    [Test]
    public async Task DeclaredToken_SurvivesRestartsUnchanged_AndIsReplacedWhenItsValueFileChanges()
    {
        // Arrange
        var first = TokenSecret.Prefix + TokenSecret.NewSecret();
        var second = TokenSecret.Prefix + TokenSecret.NewSecret();
        var valueFile = Path.Combine(_secrets, "deploy-bot-token");
        await File.WriteAllTextAsync(valueFile, first + "\n");
        await using var server = await TestServer.StartOnCopyOfAsync(HomeWith(Declaration(valueFile)));
        server.RememberSecret(first);
        server.RememberSecret(second);
        var userFile = Directory.GetFiles(Path.Combine(server.Home, "users"), "config.xml", SearchOption.AllDirectories)
            .Single(f => File.ReadAllText(f).Contains("<id>deploy-bot</id>", StringComparison.Ordinal));

        // Act
        var startStatus = await WhoAmIAsync(server, "deploy-bot", first);
        var tokens = await TokensAsync(server, "deploy-bot");
        var bytes = await File.ReadAllBytesAsync(userFile);
        await server.RestartAsync();
        var afterRestart = await File.ReadAllBytesAsync(userFile);
        var restartStatus = await WhoAmIAsync(server, "deploy-bot", first);
        await File.WriteAllTextAsync(valueFile, second + "\n");
        await ReloadAsync(server);
        var oldAfterChange = await WhoAmIAsync(server, "deploy-bot", first);
        var newAfterChange = await WhoAmIAsync(server, "deploy-bot", second);
        var replaced = await TokensAsync(server, "deploy-bot");

        // Assert
        var token = tokens.Single();
        Assert.Multiple(() =>
        {
            Assert.That(startStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(token["name"]!.ToString(), Is.EqualTo("ci-deploy"));
            Assert.That(token["scope"]!["name"]!.ToString(), Is.EqualTo("build"));
            Assert.That(string.Join(",", token["scope"]!["items"]!), Is.EqualTo("deploy/**"));
            Assert.That(token["expirationDate"]!.ToString(), Is.EqualTo("2099-06-30"));
            Assert.That(afterRestart, Is.EqualTo(bytes), "an unchanged declaration writes nothing");
            Assert.That(restartStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(oldAfterChange, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(newAfterChange, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replaced.Single()["uuid"]!.ToString(), Is.Not.EqualTo(token["uuid"]!.ToString()));
        });
    }

    [TestCase("<declaredToken><user>deploy-bot</user><name>x</name></declaredToken>", "<valueFile> is missing")]
    [TestCase("<declaredToken><user>deploy-bot</user><name>x</name><valueFile>VALUEFILE</valueFile><scope><name>root</name></scope></declaredToken>", "Unknown token scope 'root'")]
    [TestCase("<declaredToken><user>deploy-bot</user><name>x</name><valueFile>BADVALUE</valueFile></declaredToken>", "must hold \"11\" followed by 32")]
    [TestCase("<declaredToken><user>deploy-bot", "init.tokens.d/bot.xml")]
    public async Task InvalidFile_IsReportedAsUnreadableData_AndChangesNothing(string xml, string error)
    {
        var valueFile = Path.Combine(_secrets, "ok");
        await File.WriteAllTextAsync(valueFile, TokenSecret.Prefix + TokenSecret.NewSecret());
        var badValue = Path.Combine(_secrets, "bad");
        await File.WriteAllTextAsync(badValue, "swordfish-not-a-token");
        await using var server = await TestServer.StartOnCopyOfAsync(HomeWith(xml.Replace("VALUEFILE", valueFile, StringComparison.Ordinal)
            .Replace("BADVALUE", badValue, StringComparison.Ordinal)));
        server.RememberSecret("swordfish-not-a-token");
        using var admin = server.Client("admin", server.AdminPassword);

        var report = JObject.Parse(await admin.GetStringAsync("manage/unreadableData/api/json"));
        using var user = await admin.GetAsync("user/deploy-bot/api/json");

        var file = report["files"]!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(file["path"]!.ToString(), Is.EqualTo("init.tokens.d/bot.xml"));
            Assert.That(file["path"] + " " + file["error"], Does.Contain(error));
            Assert.That(user.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no service account was created");
        });
    }

    private static string Declaration(string valueFile) => $"""
        <?xml version='1.1' encoding='UTF-8'?>
        <declaredToken>
          <user>deploy-bot</user>
          <name>ci-deploy</name>
          <valueFile>{valueFile}</valueFile>
          <scope><name>build</name><items><string>deploy/**</string></items></scope>
          <expirationDate>2099-06-30</expirationDate>
        </declaredToken>
        """;

    /// <summary>A home to copy: the repository's seed config.xml and one declaration in init.tokens.d/bot.xml.</summary>
    private string HomeWith(string declaration)
    {
        var home = Path.Combine(_secrets, "home");
        Directory.CreateDirectory(Path.Combine(home, "init.tokens.d"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "seed-home", "config.xml"), Path.Combine(home, "config.xml"));
        File.WriteAllText(Path.Combine(home, "init.tokens.d", "bot.xml"), declaration);
        return home;
    }

    private static async Task ReloadAsync(TestServer server)
    {
        using var admin = server.Client("admin", server.AdminPassword, cookies: true);
        using var crumbResponse = await admin.GetAsync("crumbIssuer/api/json");
        var crumb = JObject.Parse(await crumbResponse.Content.ReadAsStringAsync())["crumb"]!.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "reload");
        request.Headers.Add("Jenkins-Crumb", crumb);
        using var response = await admin.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> WhoAmIAsync(TestServer server, string user, string value)
    {
        using var client = server.Client(user, value);
        using var response = await client.GetAsync("whoAmI/api/json");
        return response.StatusCode;
    }

    private static async Task<JArray> TokensAsync(TestServer server, string user)
    {
        using var admin = server.Client("admin", server.AdminPassword);
        var json = JObject.Parse(await admin.GetStringAsync($"user/{user}/api/json"));
        Assert.That((bool?)json["serviceAccount"], Is.True);
        return (JArray)json["property"]!.First(p => p["_class"]!.ToString() == "jenkins.security.ApiTokenProperty")["tokens"]!;
    }
}
