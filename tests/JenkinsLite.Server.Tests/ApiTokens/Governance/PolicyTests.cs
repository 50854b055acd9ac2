using System.Net;
using JenkinsLite.Persistence.ApiTokens;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>token-governance.md section 2 over HTTP and the CLI: the policy's API, its validation, its refusals.</summary>
internal sealed class PolicyTests : GovernanceFixture
{
    [Test]
    public async Task Policy_NoFile_IsNoPolicy()
    {
        using var admin = Admin();
        var policy = await JsonAsync(admin, "manage/apiTokenPolicy/api/json");
        Assert.Multiple(() =>
        {
            Assert.That(policy["_class"]!.ToString(), Is.EqualTo("jenkinslite.security.ApiTokenPolicy"));
            Assert.That((int)policy["maxLifetimeDays"]!, Is.Zero);
            Assert.That((bool)policy["requireExpiration"]!, Is.False);
            Assert.That((int)policy["maxUnusedDays"]!, Is.Zero);
            Assert.That((int)policy["expiryWarningDays"]!, Is.EqualTo(7));
            Assert.That(policy["allowedScopes"]!.Select(s => s.ToString()), Is.EqualTo((string[])["read", "build", "full", "custom"]));
        });
    }

    [Test]
    public async Task Configure_FormFields_SavesRedirectsAndAudits()
    {
        // Arrange
        using var admin = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(admin);

        // Act
        using var response = await PostAsync(admin, "manage/apiTokenPolicy/configure", ("maxLifetimeDays", "90"), ("requireExpiration", "on"),
            ("maxUnusedDays", "30"), ("expiryWarningDays", "10"), ("allowedScopes", "read,build"), ("Jenkins-Crumb", crumb));

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(302));
        Assert.That(response.Headers.Location!.ToString(), Does.EndWith("/manage/apiTokenPolicy/"));
        var policy = await JsonAsync(admin, "manage/apiTokenPolicy/api/json?tree=maxLifetimeDays,requireExpiration,allowedScopes");
        Assert.That(policy.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            """{"_class":"jenkinslite.security.ApiTokenPolicy","maxLifetimeDays":90,"requireExpiration":true,"allowedScopes":["read","build"]}"""));
        var file = File.ReadAllText(Path.Combine(Server.Home, ApiTokenPolicyFile.FileName));
        Assert.That(file, Does.Contain("<maxUnusedDays>30</maxUnusedDays>").And.Contain("<string>read</string>"));
        var changed = (JObject)(await AuditAsync("event=policy.changed&limit=1"))[0];
        Assert.Multiple(() =>
        {
            Assert.That(changed["actor"]!.ToString(), Is.EqualTo("admin"));
            Assert.That(changed["actorAuth"]!.ToString(), Is.EqualTo("session"));
            Assert.That(changed["details"]!["maxLifetimeDays"]!.ToString(), Is.EqualTo("90"));
        });
    }

    [Test]
    public async Task Configure_BadValues_400NamingEachAndSavesNothing()
    {
        // Arrange
        var snapshot = HomeSnapshot.Take(Server.Home);

        // Act
        using var response = await PostJsonAsync(AdminApi(), "manage/apiTokenPolicy/configure",
            """{"maxLifetimeDays":-1,"expiryWarningDays":"soon","allowedScopes":["read","admin"]}""");
        var message = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Does.Contain("maxLifetimeDays").And.Contain("'-1'").And.Contain("expiryWarningDays").And.Contain("'soon'").And.Contain("admin"));
        snapshot.AssertUnchanged();
    }

    [Test]
    public async Task GenerateNewToken_BeyondMaxLifetime_RefusedNamingTheRule()
    {
        // Arrange
        await SetPolicyAsync("""{"maxLifetimeDays":90}""");

        // Act
        var (neverStatus, never) = await AliceGeneratesAsync(("newTokenName", "forever"));
        var (longStatus, tooLong) = await AliceGeneratesAsync(("newTokenName", "long"), ("expirationDuration", "120"));
        var (okStatus, ok) = await AliceGeneratesAsync(("newTokenName", "short"), ("expirationDuration", "30"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(neverStatus, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(never["message"]!.ToString(), Is.EqualTo("The token must expire within 90 days (policy)"));
            Assert.That(longStatus, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooLong["message"]!.ToString(), Is.EqualTo("The token must expire within 90 days (policy)"));
            Assert.That(okStatus, Is.EqualTo(HttpStatusCode.OK), ok.ToString());
        });
        var names = (await InventoryAsync("user=alice")).Select(t => t["name"]!.ToString());
        Assert.That(names, Does.Contain("short").And.No.Member("forever").And.No.Member("long"));
    }

    [Test]
    public async Task AddFixedToken_RequireExpiration_RefusedNamingTheRule()
    {
        // Arrange
        await SetPolicyAsync("""{"requireExpiration":true}""");
        const string value = "11aaaabbbbccccddddeeeeffff00001111";
        Server.RememberSecret(value);
        using var alice = Server.Client("alice", AlicePassword, cookies: true);
        var crumb = await CrumbAsync(alice);

        // Act
        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/addFixedToken",
            ("newTokenName", "fixed"), ("newTokenPlainValue", value), ("Jenkins-Crumb", crumb));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JObject.Parse(await response.Content.ReadAsStringAsync())["message"]!.ToString(),
            Is.EqualTo("The token must have an expiration date (policy)"));
        Assert.That(await WhoAmIStatusAsync(Server, "alice", value), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AllowedScopes_WithoutFull_RefusesNonAdminButNotAdmin()
    {
        // Arrange
        await SetPolicyAsync("""{"allowedScopes":"read,build"}""");

        // Act
        var (aliceStatus, alice) = await AliceGeneratesAsync(("newTokenName", "full-one"));
        var admin = await CliAsync(Http, "admin", AdminPassword, "generate-api-token", "admin-full");
        if (admin.Code == 0)
        {
            Server.RememberSecret(admin.Out.Trim());
        }

        // Assert
        Assert.That(aliceStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(alice["message"]!.ToString(), Does.Contain("scope 'full' is not allowed").And.EndWith("(policy)"));
        Assert.That(admin.Code, Is.Zero, admin.ToString());
    }

    [Test]
    public async Task AllowedScopes_SecurityPageOffersANonAdminOnlyThose()
    {
        // Arrange
        await SetPolicyAsync("""{"allowedScopes":"read,build"}""");
        using var alice = Server.Client("alice", AlicePassword);
        using var admin = Admin();

        // Act
        var alicePage = await alice.GetStringAsync("user/alice/security/");
        var adminPage = await admin.GetStringAsync("user/admin/security/");

        // Assert: read comes first and is preselected; admins are not bound by the list
        Assert.Multiple(() =>
        {
            Assert.That(Options(alicePage), Is.EqualTo((string[])["read", "build"]));
            Assert.That(alicePage, Does.Contain("<option value=\"read\" selected>"));
            Assert.That(alicePage, Does.Not.Contain("name=\"permissions\""));
            Assert.That(Options(adminPage), Is.EqualTo((string[])["full", "read", "build", "custom"]));
            Assert.That(adminPage, Does.Contain("name=\"permissions\""));
        });

        static string[] Options(string page) =>
            [.. System.Text.RegularExpressions.Regex.Match(page, "<select id=\"tokenScope\".*?</select>", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Value.Split("<option value=\"").Skip(1).Select(o => o[..o.IndexOf('"', StringComparison.Ordinal)])];
    }

    [Test]
    public async Task CliGenerate_BeyondMaxLifetime_Exit2WithTheRule()
    {
        // Arrange
        await SetPolicyAsync("""{"maxLifetimeDays":30}""");

        // Act
        var run = await CliAsync(Http, "alice", AlicePassword, "generate-api-token", "cli-forever");

        // Assert
        Assert.That(run.Code, Is.EqualTo(2), run.ToString());
        Assert.That(run.Err, Does.Contain("The token must expire within 30 days (policy)"));
        Assert.That(run.Out, Does.Not.Match("11[0-9a-f]{32}"));
    }

    [Test]
    public async Task CliPolicy_SetsPrintsAndRefusesBadValues()
    {
        // Act
        var set = await CliAsync(Http, "admin", AdminPassword, "api-token-policy", "--max-lifetime", "60", "--require-expiration", "true", "--warning", "14");
        var bad = await CliAsync(Http, "admin", AdminPassword, "api-token-policy", "--max-unused", "-5", "--allowed-scopes", "root");
        var print = await CliAsync(Http, "admin", AdminPassword, "api-token-policy");
        var notAdmin = await CliAsync(Http, "alice", AlicePassword, "api-token-policy");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(set.Code, Is.Zero, set.ToString());
            Assert.That(bad.Code, Is.EqualTo(2), bad.ToString());
            Assert.That(bad.Err, Does.Contain("maxUnusedDays").And.Contain("'-5'").And.Contain("root"));
            Assert.That(print.Out, Does.Contain("maxLifetimeDays\t60\n").And.Contain("requireExpiration\ttrue\n")
                .And.Contain("expiryWarningDays\t14\n").And.Contain("maxUnusedDays\t0\n"));
            Assert.That(notAdmin.Code, Is.EqualTo(6), notAdmin.ToString());
        });
    }

    [Test]
    public async Task LegacySettingsChange_IsAudited()
    {
        // Act
        using var response = await AdminApi().PostAsync("manage/apiTokenSettings/configure",
            new FormUrlEncodedContent([new("creationOfLegacyTokenEnabled", "true")]));
        using var back = await AdminApi().PostAsync("manage/apiTokenSettings/configure",
            new FormUrlEncodedContent([new("creationOfLegacyTokenEnabled", "false")]));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var events = await AuditAsync("event=legacy.settingsChanged&limit=2");
        Assert.That(events.Select(e => e["details"]!["creationOfLegacyTokenEnabled"]!.ToString()), Is.EqualTo((string[])["false", "true"]));
        Assert.That(events[0]["actor"]!.ToString(), Is.EqualTo("admin"));
    }

    [Test]
    public async Task PolicyFile_ChangedOnDisk_IsReadOnReload()
    {
        // Arrange
        await SetPolicyAsync("""{"maxLifetimeDays":10}""");
        var path = Path.Combine(Server.Home, ApiTokenPolicyFile.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("<maxLifetimeDays>10<", "<maxLifetimeDays>20<", StringComparison.Ordinal));

        // Act
        using (var reload = await AdminApi().PostAsync("reload", null))
        {
            Assert.That((int)reload.StatusCode, Is.LessThan(400));
        }

        // Assert
        using var admin = Admin();
        Assert.That((int)(await JsonAsync(admin, "manage/apiTokenPolicy/api/json"))["maxLifetimeDays"]!, Is.EqualTo(20));
    }
}
