using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens;

/// <summary>The legacy token: Jenkins' three switches, changeToken, and the monitor that moves users off it.</summary>
internal sealed class LegacyTokenTests : ServerFixture
{
    private const string Settings = "manage/apiTokenSettings";
    private string _adminToken = null!;

    [OneTimeSetUp]
    public async Task AdminTokenAsync() => (_adminToken, _) = await GenerateTokenAsync("admin", AdminPassword, "legacy-tests");

    [SetUp]
    public async Task DefaultSettingsAsync() =>
        await ConfigureAsync(("tokenGenerationOnCreationEnabled", "false"), ("creationOfLegacyTokenEnabled", "false"), ("usageStatisticsEnabled", "true"));

    [Test]
    public async Task Settings_StartWithJenkinsDefaults_AndAreSavedInJenkinsFile()
    {
        var body = await JsonAsync(AdminByToken(), Settings + "/api/json");

        Assert.Multiple(() =>
        {
            Assert.That(body["tokenGenerationOnCreationEnabled"]!.Value<bool>(), Is.False);
            Assert.That(body["creationOfLegacyTokenEnabled"]!.Value<bool>(), Is.False);
            Assert.That(body["usageStatisticsEnabled"]!.Value<bool>(), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(Server.Home, "jenkins.security.apitoken.ApiTokenPropertyConfiguration.xml")),
                Does.Contain("<creationOfLegacyTokenEnabled>false</creationOfLegacyTokenEnabled>"));
        });
    }

    [Test]
    public async Task ChangeToken_WithoutLegacyAndCreationOff_RefusesWithJenkinsMessage()
    {
        await CreateUserAsync("gina", "gina-password-1");
        var (token, _) = await GenerateTokenAsync("gina", "gina-password-1");
        using var gina = Server.Client("gina", token);

        using var response = await gina.PostAsync($"user/gina/{TokenBase}/changeToken", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Capability to generate a legacy API token without an existing one is currently disabled"));
        Assert.That(await LegacyRowsAsync("gina"), Is.Empty);
    }

    [Test]
    public async Task ChangeToken_WhenAllowed_GivesOwnerAWorkingLegacyToken_ThatTheMonitorRevokes()
    {
        // Arrange
        await CreateUserAsync("hank", "hank-password-1");
        var (token, _) = await GenerateTokenAsync("hank", "hank-password-1");
        await ConfigureAsync(("creationOfLegacyTokenEnabled", "true"));
        using var hank = Server.Client("hank", token);

        // Act: the owner rotates, then an admin revokes it from the monitor
        using var change = await hank.PostAsync($"user/hank/{TokenBase}/changeToken", null);
        var legacy = JObject.Parse(change.Headers.GetValues("X-Jenkins-ValidateButton-Callback").Single())["arguments"]![0]!.ToString();
        Server.RememberSecret(legacy);
        var worksBefore = await WhoAmIStatusAsync(Server, "hank", legacy);
        var row = (await LegacyRowsAsync("hank")).Single();
        using var revoke = await AdminByToken().PostAsync("administrativeMonitor/legacyApiToken/revokeAllSelected",
            new StringContent(new JObject { ["values"] = new JArray(new JObject { ["userId"] = "hank", ["uuid"] = row["tokenUuid"] }) }.ToString(),
                System.Text.Encoding.UTF8, "application/json"));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(await change.Content.ReadAsStringAsync(), Does.Contain("Updated. See the new token in the field above"));
            Assert.That(legacy, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(worksBefore, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await WhoAmIStatusAsync(Server, "hank", legacy), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await WhoAmIStatusAsync(Server, "hank", token), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await LegacyRowsAsync("hank"), Is.Empty);
        });
    }

    [Test]
    public async Task ChangeToken_ByAdminForAnotherUser_NeverShowsTheValue()
    {
        await CreateUserAsync("ivan", "ivan-password-1");
        await ConfigureAsync(("creationOfLegacyTokenEnabled", "true"));

        using var response = await AdminByToken().PostAsync($"user/ivan/{TokenBase}/changeToken", null);

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("You need to login as the user to see the token"));
        Assert.That(response.Headers.GetValues("X-Jenkins-ValidateButton-Callback").Single(), Does.Contain("Token is hidden"));
        Assert.That(await LegacyRowsAsync("ivan"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GenerationOnCreation_GivesNewUsersALegacyToken_AndItsMonitorSwitchesItOff()
    {
        await ConfigureAsync(("tokenGenerationOnCreationEnabled", "true"));

        await CreateUserAsync("judy", "judy-password-1");
        using var act = await AdminByToken().PostAsync("administrativeMonitor/jenkins.security.apitoken.ApiTokenPropertyDisabledDefaultAdministrativeMonitor/act", null);
        await CreateUserAsync("kim", "kim-password-1");

        Assert.That(await LegacyRowsAsync("judy"), Has.Count.EqualTo(1));
        Assert.That((int)act.StatusCode, Is.EqualTo(302));
        Assert.That(await LegacyRowsAsync("kim"), Is.Empty);
        Assert.That((await JsonAsync(AdminByToken(), Settings + "/api/json"))["tokenGenerationOnCreationEnabled"]!.Value<bool>(), Is.False);
    }

    [Test]
    public async Task StatisticsOff_UsesAreNotCounted()
    {
        await CreateUserAsync("liam", "liam-password-1");
        var (token, uuid) = await GenerateTokenAsync("liam", "liam-password-1");
        await ConfigureAsync(("usageStatisticsEnabled", "false"));

        await WhoAmIStatusAsync(Server, "liam", token);
        await ConfigureAsync(("usageStatisticsEnabled", "true"));

        var tokens = (await JsonAsync(AdminByToken(), "user/liam/api/json"))["property"]!.SelectMany(p => p["tokens"] ?? new JArray());
        Assert.That(tokens.Single(t => t["uuid"]!.ToString() == uuid)["useCount"]!.Value<int>(), Is.Zero);
    }

    private HttpClient AdminByToken() => Server.Client("admin", _adminToken);

    private async Task ConfigureAsync(params (string Key, string Value)[] form)
    {
        using var response = await PostAsync(AdminByToken(), Settings + "/configure", form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<List<JToken>> LegacyRowsAsync(string user) =>
        (await JsonAsync(AdminByToken(), "administrativeMonitor/legacyApiToken/api/json"))["users"]!
            .Where(u => u["userId"]!.ToString() == user).ToList();
}
