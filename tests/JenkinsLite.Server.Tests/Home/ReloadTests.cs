using System.Net;
using System.Text;
using JenkinsLite.Core.Security.Passwords;
using JenkinsLite.Server.Tests.Fixtures;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Home;

/// <summary>
/// POST /reload (Jenkins' "Reload Configuration from Disk") after files were edited by hand: what changed applies,
/// a file that does not parse is reported and the previous state stays in force. Every test puts back what it broke.
/// </summary>
internal sealed class ReloadTests : ServerFixture
{
    private const string SettingsFile = "jenkins.security.apitoken.ApiTokenPropertyConfiguration.xml";

    private readonly string _erinPassword = HomeKit.RandomPassword();
    private string _adminToken = null!;

    [OneTimeSetUp]
    public async Task CreateErinAsync()
    {
        await CreateUserAsync("erin", _erinPassword);
        (_adminToken, _) = await GenerateTokenAsync("admin", AdminPassword, "admin-reload");
    }

    [Test]
    public async Task Reload_AfterFullNameEditedByHand_ShowsTheNewName()
    {
        // Arrange
        var path = HomeKit.UserConfigPath(Server.Home, "erin");
        var text = await File.ReadAllTextAsync(path);
        var edited = text.Replace("<fullName>ERIN</fullName>", "<fullName>Erin Edited By Hand</fullName>", StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(text), "erin's file has the full name the set-up gave");
        await File.WriteAllTextAsync(path, edited);

        // Act
        using var response = await ReloadWithPasswordAsync();

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
        using var admin = Admin();
        var erin = await HomeKit.JsonAsync(admin, "user/erin/api/json");
        Assert.That(erin["fullName"]!.ToString(), Is.EqualTo("Erin Edited By Hand"));
    }

    [Test]
    public async Task Reload_AfterUserFolderAddedByHand_NewUserSignsIn()
    {
        // Arrange
        var password = HomeKit.RandomPassword();
        Server.RememberSecret(password);
        HomeKit.WriteText(Server.Home, Path.Combine("users", "frank", "config.xml"), UserRecord("frank", "Frank Added", PasswordHash.HashNew(password)));
        Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "frank", password), Is.EqualTo(HttpStatusCode.Unauthorized));

        // Act
        using var response = await ReloadWithPasswordAsync();

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
        var (status, body) = await HomeKit.WhoAmIAsync(Server, "frank", password);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "erin", _erinPassword), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Reload_BrokenRootConfig_Is500NamingFileAndLineAndKeepsPreviousAuthorization()
    {
        // Arrange: a config.xml that would open everything to anonymous, had it parsed
        var configPath = Path.Combine(Server.Home, "config.xml");
        var original = await File.ReadAllBytesAsync(configPath);
        await File.WriteAllTextAsync(configPath, """
            <?xml version='1.1' encoding='UTF-8'?>
            <hudson>
              <useSecurity>true</useSecurity>
              <authorizationStrategy class="hudson.security.AuthorizationStrategy$Unsecured"/>
              <securityRealm class="hudson.security.HudsonPrivateSecurityRealm">
            </hudson>
            """);
        try
        {
            // Act
            using var response = await ReloadWithPasswordAsync();
            var body = await response.Content.ReadAsStringAsync();

            // Assert
            using var anonymous = Server.Client();
            using var anonymousRead = await anonymous.GetAsync("api/json");
            Assert.Multiple(async () =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), body);
                Assert.That(body, Does.Contain("config.xml"));
                Assert.That(body, Does.Match(@"line \d+"));
                Assert.That(anonymousRead.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "denyAnonymousReadAccess still applies");
                Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "erin", _erinPassword), Is.EqualTo(HttpStatusCode.OK));
                Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "admin", _adminToken), Is.EqualTo(HttpStatusCode.OK));
            });
        }
        finally
        {
            await File.WriteAllBytesAsync(configPath, original);
            using var restored = await ReloadWithPasswordAsync();
            Assert.That((int)restored.StatusCode, Is.EqualTo(302));
        }
    }

    [Test]
    public async Task Reload_Get_Is405()
    {
        // Arrange
        using var admin = Admin();

        // Act
        using var response = await admin.GetAsync("reload");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Does.Contain("POST"));
    }

    [Test]
    public async Task Reload_PasswordWithoutCrumb_Is403()
    {
        // Arrange
        using var admin = Admin();

        // Act
        using var response = await admin.PostAsync("reload", null);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("crumb"));
    }

    [Test]
    public async Task Reload_TokenWithoutCrumb_Is302()
    {
        // Arrange
        using var admin = Server.Client("admin", _adminToken);

        // Act
        using var response = await admin.PostAsync("reload", null);

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/"));
    }

    [Test]
    public async Task Reload_AfterTokenSettingsFileEditedByHand_SettingsApply()
    {
        // Arrange
        var path = Path.Combine(Server.Home, SettingsFile);
        var original = File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
        using var admin = Admin();
        var before = await HomeKit.JsonAsync(admin, "manage/apiTokenSettings/api/json");
        Assert.That(before["usageStatisticsEnabled"]!.Value<bool>(), Is.True);
        await File.WriteAllTextAsync(path, """
            <?xml version='1.1' encoding='UTF-8'?>
            <jenkins.security.apitoken.ApiTokenPropertyConfiguration>
              <tokenGenerationOnCreationEnabled>false</tokenGenerationOnCreationEnabled>
              <creationOfLegacyTokenEnabled>false</creationOfLegacyTokenEnabled>
              <usageStatisticsEnabled>false</usageStatisticsEnabled>
            </jenkins.security.apitoken.ApiTokenPropertyConfiguration>
            """);
        try
        {
            // Act
            using var response = await ReloadWithPasswordAsync();

            // Assert
            Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
            var after = await HomeKit.JsonAsync(admin, "manage/apiTokenSettings/api/json");
            Assert.Multiple(() =>
            {
                Assert.That(after["usageStatisticsEnabled"]!.Value<bool>(), Is.False);
                Assert.That(after["tokenGenerationOnCreationEnabled"]!.Value<bool>(), Is.False);
                Assert.That(after["creationOfLegacyTokenEnabled"]!.Value<bool>(), Is.False);
            });
        }
        finally
        {
            if (original is null)
            {
                File.Delete(path);
            }
            else
            {
                await File.WriteAllBytesAsync(path, original);
            }

            using var restored = await ReloadWithPasswordAsync();
            Assert.That((int)restored.StatusCode, Is.EqualTo(302));
        }
    }

    [Test]
    public async Task Reload_HandAddedXml11UserWithControlCharacter_LoadsAndSurvivesASave()
    {
        // Arrange (REL-15): Jenkins writes XML 1.1 and escapes control characters as &#x1; there
        var password = HomeKit.RandomPassword();
        Server.RememberSecret(password);
        HomeKit.WriteText(Server.Home, Path.Combine("users", "gina", "config.xml"), UserRecord("gina", "Gina&#x1;Bell", PasswordHash.HashNew(password)));
        using (var reload = await ReloadWithPasswordAsync())
        {
            Assert.That((int)reload.StatusCode, Is.EqualTo(302), await reload.Content.ReadAsStringAsync());
        }

        using var gina = Server.Client("gina", password);
        var loaded = await HomeKit.JsonAsync(gina, "user/gina/api/json");
        Assert.That(loaded["fullName"]!.ToString(), Is.EqualTo("Gina\u0001Bell"));

        // Act: any change saves the whole record
        using var generate = await HomeKit.PostWithPasswordAsync(Server, "gina", password,
            $"user/gina/{TokenBase}/generateNewToken", ("newTokenName", "after-1.1"));
        var generated = await generate.Content.ReadAsStringAsync();
        if (generate.StatusCode == HttpStatusCode.OK)
        {
            Server.RememberSecret(JObject.Parse(generated)["data"]!["tokenValue"]!.ToString());
        }

        // Assert
        Assert.That(generate.StatusCode, Is.EqualTo(HttpStatusCode.OK), generated);
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(HomeKit.UserConfigPath(Server.Home, "gina")));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("<?xml version='1.1' encoding='UTF-8'?>"));
            Assert.That(text, Does.Contain("Gina&#x1;Bell"));
        });
        await Server.RestartAsync();
        using var again = Server.Client("gina", password);
        Assert.That((await HomeKit.JsonAsync(again, "user/gina/api/json"))["fullName"]!.ToString(), Is.EqualTo("Gina\u0001Bell"));
    }

    private Task<HttpResponseMessage> ReloadWithPasswordAsync() =>
        HomeKit.PostWithPasswordAsync(Server, "admin", AdminPassword, "reload");

    private static string UserRecord(string id, string fullNameXml, string passwordHash) => $"""
        <?xml version='1.1' encoding='UTF-8'?>
        <user>
          <version>10</version>
          <id>{id}</id>
          <fullName>{fullNameXml}</fullName>
          <properties>
            <jenkins.security.ApiTokenProperty>
              <tokenStore>
                <tokenList/>
              </tokenStore>
            </jenkins.security.ApiTokenProperty>
            <hudson.security.HudsonPrivateSecurityRealm_-Details>
              <passwordHash>{passwordHash}</passwordHash>
            </hudson.security.HudsonPrivateSecurityRealm_-Details>
          </properties>
        </user>
        """;
}
