using System.Net;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Security.Ldap;

/// <summary>A directory that goes down or loses a user, each on a slapd of its own since both change it.</summary>
internal sealed class LdapOutageTests
{
    [Test]
    public async Task DirectoryDown_TokensCheckedWithinTheWindowWork_PasswordsFailClearly_LoggedOnce()
    {
        // Arrange
        await using var directory = await SlapdServer.StartAsync();
        await using var server = await LdapHome.StartAsync(directory.Url);
        var (token, _) = await server.GenerateTokenAsync("alice", "alice-directory-pw");
        using var script = server.Client("alice", token);
        using var password = server.Client("alice", "alice-directory-pw");
        Assert.That((await script.GetAsync("whoAmI/api/json")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Act
        await directory.StopAsync();
        var byToken = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await script.GetAsync("job/demo/api/json");
            byToken.Add(response.StatusCode);
        }

        using var byPassword = await password.GetAsync("whoAmI/api/json");
        using var again = await password.GetAsync("whoAmI/api/json");
        var message = await byPassword.Content.ReadAsStringAsync();
        var authorities = JObject.Parse(await script.GetStringAsync("whoAmI/api/json"))["authorities"]!.Select(a => a.ToString());

        // Assert
        var downLines = server.Log.Lines.Count(l => l.Text.Contains("LDAP directory cannot be reached", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(byToken, Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(authorities, Does.Contain("builders"), "the groups last read stay with the token");
            Assert.That(byPassword.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "not throttled: the directory is at fault");
            Assert.That(message, Does.Contain("cannot be reached"));
            Assert.That(downLines, Is.EqualTo(1), server.Log.AllText);
        });
    }

    [Test]
    public async Task DirectoryDown_SignInForm_SaysSoWith401()
    {
        // Arrange
        await using var directory = await SlapdServer.StartAsync();
        await using var server = await LdapHome.StartAsync(directory.Url);
        await directory.StopAsync();
        using var browser = server.Client(cookies: true);
        var login = await browser.GetStringAsync("login");
        var crumb = System.Text.RegularExpressions.Regex.Match(login, "name=\"Jenkins-Crumb\" value=\"([^\"]+)\"").Groups[1].Value;

        // Act
        using var signIn = await browser.PostAsync("j_spring_security_check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["j_username"] = "alice", ["j_password"] = "alice-directory-pw", ["Jenkins-Crumb"] = crumb,
        }));
        using var errorPage = await browser.GetAsync(signIn.Headers.Location);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(signIn.Headers.Location?.ToString(), Does.StartWith("/loginError?reason=directory"));
            Assert.That(errorPage.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await errorPage.Content.ReadAsStringAsync(), Does.Contain("cannot be reached"));
        });
    }

    [Test]
    public async Task UserDeletedFromTheDirectory_TokenRefusedOnceTheWindowPassed()
    {
        // Arrange
        await using var directory = await SlapdServer.StartAsync();
        await using var server = await LdapHome.StartAsync(directory.Url, cacheSeconds: 1);
        var (token, _) = await server.GenerateTokenAsync("carol", "carol-directory-pw");
        using var script = server.Client("carol", token);
        using var before = await script.GetAsync("whoAmI/api/json");

        // Act
        await directory.DeleteAsync("uid=carol,ou=people,dc=example,dc=org");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var after = await script.GetAsync("whoAmI/api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(File.Exists(Fixtures.HomeKit.UserConfigPath(server.Home, "carol")), Is.True, "the local record and its tokens are kept, never deleted");
        });
    }
}
