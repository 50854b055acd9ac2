using System.Net;
using JenkinsLite.Persistence.ApiTokens;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>token-governance.md sections 6 to 8 over HTTP and the CLI: the inventory, the audit log, the reminders.</summary>
internal sealed class InventoryAndAuditTests : GovernanceFixture
{
    [Test]
    public async Task Inventory_EveryFieldOfTheSpec_WithLastUseAddress()
    {
        // Arrange
        var (value, uuid) = await GenerateTokenAsync("alice", AlicePassword, "inventoried", "30");
        Assert.That(await WhoAmIStatusAsync(Server, "alice", value), Is.EqualTo(HttpStatusCode.OK));
        Server.Probe.Services.GetRequiredService<Core.Security.ApiTokens.Inventory.TokenAddressBook>().Flush();

        // Act
        var row = (JObject)(await InventoryAsync("user=alice")).Single(t => t["uuid"]!.ToString() == uuid);

        // Assert
        Assert.That(row.Properties().Select(p => p.Name), Is.EqualTo((string[])
        [
            "userId", "fullName", "uuid", "name", "legacy", "creationDate", "ageInDays", "ageLevel", "expirationDate", "expired",
            "expiringSoon", "useCount", "lastUseDate", "lastUseAddress", "unusedDays", "scope", "serviceAccount", "createdBy",
            "rotatedTo", "violatesPolicy",
        ]));
        Assert.Multiple(() =>
        {
            Assert.That(row["userId"]!.ToString(), Is.EqualTo("alice"));
            Assert.That(row["fullName"]!.ToString(), Is.EqualTo("ALICE"));
            Assert.That(row["name"]!.ToString(), Is.EqualTo("inventoried"));
            Assert.That((int)row["useCount"]!, Is.EqualTo(1));
            Assert.That(row["lastUseAddress"]!.ToString(), Is.EqualTo("127.0.0.1"));
            Assert.That((int)row["unusedDays"]!, Is.Zero);
            Assert.That(row["scope"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"name":"full","permissions":[],"items":[]}"""));
            Assert.That((bool)row["serviceAccount"]!, Is.False);
            Assert.That(row["createdBy"]!.ToString(), Is.EqualTo("alice"));
            Assert.That(row["rotatedTo"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That((bool)row["violatesPolicy"]!, Is.False);
            Assert.That((bool)row["expiringSoon"]!, Is.False);
        });
        var addresses = Directory.EnumerateFiles(Path.Combine(Server.Home, "users"), TokenAddressFile.FileName, SearchOption.AllDirectories);
        Assert.That(addresses, Is.Not.Empty, "lastUseAddress is kept in our own file beside apiTokenStats.xml");
    }

    [Test]
    public async Task Inventory_FiltersByStateAndUser_AndTree()
    {
        // Arrange
        var (_, soon) = await GenerateTokenAsync("alice", AlicePassword, "soon", "3");
        var (_, later) = await GenerateTokenAsync("alice", AlicePassword, "later", "60");
        var (_, adminToken) = await GenerateTokenAsync("admin", AdminPassword, "admin-soon", "2");

        // Act
        var expiring = await InventoryAsync("user=alice&state=expiring");
        var violating = await InventoryAsync("state=violating");
        using var admin = Admin();
        var tree = await JsonAsync(admin, "manage/apiTokens/api/json?user=alice&tree=tokens[name,expiringSoon]");
        using var bad = await admin.GetAsync("manage/apiTokens/api/json?state=ancient");

        // Assert
        var expiringUuids = expiring.Select(t => t["uuid"]!.ToString()).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(expiringUuids, Does.Contain(soon).And.No.Member(later).And.No.Member(adminToken));
            Assert.That(violating, Is.Empty, "no policy: nothing violates it");
            Assert.That(tree["tokens"]!.All(t => ((JObject)t).Properties().Select(p => p.Name).SequenceEqual(["name", "expiringSoon"])), Is.True, tree.ToString());
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("'ancient'"));
        });

        await SetPolicyAsync("""{"maxLifetimeDays":30}""");
        var nowViolating = (await InventoryAsync("state=violating")).Select(t => t["uuid"]!.ToString()).ToList();
        Assert.That(nowViolating, Does.Contain(later).And.No.Member(soon));
    }

    [Test]
    public async Task Revoke_AUsedToken_ItsAddressesGoWithItsStatistics()
    {
        // Arrange: a token used once, its address written
        var (value, uuid) = await GenerateTokenAsync("alice", AlicePassword, "short-lived");
        Assert.That(await WhoAmIStatusAsync(Server, "alice", value), Is.EqualTo(HttpStatusCode.OK));
        var book = Server.Probe.Services.GetRequiredService<Core.Security.ApiTokens.Inventory.TokenAddressBook>();
        book.Flush();
        Assert.That(AddressFilesText(), Does.Contain(uuid));

        // Act
        using var response = await PostJsonAsync(AdminApi(), "manage/apiTokens/revokeSelected", $$"""{"values":[{"userId":"alice","uuid":"{{uuid}}"}]}""");
        book.Flush();

        // Assert: kept forever, a revoked token's addresses would grow the file and the memory with every token made
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(AddressFilesText(), Does.Not.Contain(uuid));
    }

    [Test]
    public async Task RevokeSelected_RevokesKnownPairs_ListsSkipped_AndAuditsEach()
    {
        // Arrange
        var (value, uuid) = await GenerateTokenAsync("alice", AlicePassword, "bulk");
        var body = $$"""{"values":[{"userId":"alice","uuid":"{{uuid}}"},{"userId":"alice","uuid":"nope"},{"userId":"ghost","uuid":"{{uuid}}"}]}""";

        // Act
        using var response = await PostJsonAsync(AdminApi(), "manage/apiTokens/revokeSelected", body);
        var answer = JObject.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            $$"""{"revoked":1,"skipped":[{"userId":"alice","uuid":"nope"},{"userId":"ghost","uuid":"{{uuid}}"}]}"""));
        Assert.That(await WhoAmIStatusAsync(Server, "alice", value), Is.EqualTo(HttpStatusCode.Unauthorized));
        var revoked = (JObject)(await AuditAsync("event=token.revoked&user=alice&limit=1"))[0];
        Assert.Multiple(() =>
        {
            Assert.That(revoked["tokenUuid"]!.ToString(), Is.EqualTo(uuid));
            Assert.That(revoked["actor"]!.ToString(), Is.EqualTo("admin"));
            Assert.That(revoked["actorAuth"]!.ToString(), Is.EqualTo("token"));
            Assert.That(revoked["address"]!.ToString(), Is.EqualTo("127.0.0.1"));
        });
    }

    [Test]
    public async Task Audit_CreateRenameRevoke_OneEventEach_WithActorAndNoSecret()
    {
        // Arrange
        var (value, uuid) = await GenerateTokenAsync("alice", AlicePassword, "audited", "10");
        using var alice = Server.Client("alice", value);
        alice.DefaultRequestHeaders.UserAgent.ParseAdd("governance-test/1.0");

        // Act
        using (var renamed = await PostAsync(alice, $"user/alice/{TokenBase}/rename", ("tokenUuid", uuid), ("newName", "audited-renamed")))
        {
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var revoked = await PostAsync(alice, $"user/alice/{TokenBase}/revoke", ("tokenUuid", uuid)))
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // Assert
        var events = (await AuditAsync("user=alice&limit=1000")).Where(e => e["tokenUuid"]?.ToString() == uuid).ToList();
        Assert.That(events.Select(e => e["event"]!.ToString()), Is.EqualTo((string[])["token.revoked", "token.renamed", "token.firstUseFromAddress", "token.created"]));
        var created = (JObject)events[3];
        var renamedEvent = (JObject)events[1];
        Assert.Multiple(() =>
        {
            Assert.That(created["actor"]!.ToString(), Is.EqualTo("alice"));
            Assert.That(created["actorAuth"]!.ToString(), Is.EqualTo("session"));
            Assert.That(created["details"]!["scope"]!.ToString(), Is.EqualTo("full"));
            Assert.That(created["details"]!["expirationDate"]!.ToString(), Is.Not.EqualTo("never"));
            Assert.That(renamedEvent["actorAuth"]!.ToString(), Is.EqualTo("token"));
            Assert.That(renamedEvent["userAgent"]!.ToString(), Is.EqualTo("governance-test/1.0"));
            Assert.That(renamedEvent["details"]!["previousName"]!.ToString(), Is.EqualTo("audited"));
            Assert.That(renamedEvent["tokenName"]!.ToString(), Is.EqualTo("audited-renamed"));
        });
        var log = File.ReadAllText(Path.Combine(Server.Home, TokenAuditFile.RelativePath));
        Assert.That(log, Does.Not.Contain(value).And.Not.Contain(value[2..]).And.Not.Contain("Basic "));
    }

    [Test]
    public async Task Audit_NewUserWithALegacyToken_IsAuditedAsCreated()
    {
        // Arrange: Jenkins' tokenGenerationOnCreationEnabled gives every new user a legacy token
        await SetTokenSettingAsync("tokenGenerationOnCreationEnabled", "true");
        try
        {
            // Act
            await CreateUserAsync("nora", "nora-password-1");
        }
        finally
        {
            await SetTokenSettingAsync("tokenGenerationOnCreationEnabled", "false");
        }

        // Assert: one token.created event, naming the legacy entry the user now has
        var legacy = (await InventoryAsync("user=nora&state=legacy")).Single();
        var created = (JObject)(await AuditAsync("user=nora&event=token.created")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(created["tokenUuid"]!.ToString(), Is.EqualTo(legacy["uuid"]!.ToString()));
            Assert.That(created["tokenName"]!.ToString(), Is.EqualTo(legacy["name"]!.ToString()));
            Assert.That(created["details"]!["legacy"]!.ToString(), Is.EqualTo("true"));
            Assert.That(created["details"]!["scope"]!.ToString(), Is.EqualTo("full"));
        });
    }

    [Test]
    public async Task Audit_Filters_SinceEventLimit_AndRefusesBadValues()
    {
        // Arrange
        var before = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        await GenerateTokenAsync("alice", AlicePassword, "f1");
        await GenerateTokenAsync("alice", AlicePassword, "f2");

        // Act
        var newest = await AuditAsync($"since={before}&event=token.created&user=alice&limit=1");
        var both = await AuditAsync($"since={before}&event=token.created&user=alice");
        var future = await AuditAsync("since=2999-01-01T00:00:00Z");
        using var admin = Admin();
        using var badLimit = await admin.GetAsync("manage/apiTokens/audit/api/json?limit=1001");
        using var badEvent = await admin.GetAsync("manage/apiTokens/audit/api/json?event=token.stolen");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(newest.Select(e => e["tokenName"]!.ToString()), Is.EqualTo((string[])["f2"]));
            Assert.That(both.Select(e => e["tokenName"]!.ToString()), Is.EqualTo((string[])["f2", "f1"]));
            Assert.That(future, Is.Empty);
            Assert.That(badLimit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await badLimit.Content.ReadAsStringAsync(), Does.Contain("'1001'"));
            Assert.That(badEvent.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await badEvent.Content.ReadAsStringAsync(), Does.Contain("'token.stolen'"));
        });
    }

    [Test]
    public async Task Audit_Unwritable_ChangeFailsWith503AndNothingChanged()
    {
        // Arrange
        using var admin = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(admin);
        var before = (await InventoryAsync("user=admin")).Count;
        using var fault = WriteFaults.Inject(p => p.EndsWith("api-token-audit.jsonl", StringComparison.Ordinal), p => new IOException("disk full"));

        // Act
        using var response = await PostAsync(admin, $"user/admin/{TokenBase}/generateNewToken", ("newTokenName", "unaudited"), ("Jenkins-Crumb", crumb));
        using var policy = await PostJsonAsync(AdminApi(), "manage/apiTokenPolicy/configure", """{"maxLifetimeDays":5}""");
        fault.Dispose();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Match("11[0-9a-f]{32}"));
        Assert.That(policy.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await InventoryAsync("user=admin")).Count, Is.EqualTo(before));
        using var check = Admin();
        Assert.That((int)(await JsonAsync(check, "manage/apiTokenPolicy/api/json"))["maxLifetimeDays"]!, Is.Zero);
        Assert.That(Server.Log.AllText, Does.Contain("Could not write the API token audit event"));
    }

    [Test]
    public async Task RefusedTokenShapedSecret_OneEventPerUserAndAddressAMinute()
    {
        // Arrange
        const string wrong = "11000000000000000000000000000000ff";
        Server.RememberSecret(wrong);

        // Act
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await WhoAmIStatusAsync(Server, "alice", wrong), Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        // Assert
        var refused = await AuditAsync("event=token.refused&user=alice");
        Assert.That(refused, Has.Count.EqualTo(1));
        Assert.That(refused[0]["address"]!.ToString(), Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task TokenExpiringSoon_ResponsesCarryExpirationHeader_OthersDoNot()
    {
        // Arrange
        var (soon, _) = await GenerateTokenAsync("alice", AlicePassword, "header-soon", "5");
        var (later, _) = await GenerateTokenAsync("alice", AlicePassword, "header-later", "50");
        var expected = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5).ToString("yyyy-MM-dd");

        // Act
        using var soonClient = Server.Client("alice", soon);
        using var soonResponse = await soonClient.GetAsync("whoAmI/api/json");
        using var laterClient = Server.Client("alice", later);
        using var laterResponse = await laterClient.GetAsync("whoAmI/api/json");

        // Assert
        Assert.That(soonResponse.Headers.GetValues("X-JenkinsLite-Token-Expiration").Single(), Is.EqualTo(expected));
        Assert.That(laterResponse.Headers.Contains("X-JenkinsLite-Token-Expiration"), Is.False);
        var listed = (JArray)(await JsonAsync(Server.Client("alice", AlicePassword), "user/alice/api/json"))["property"]![0]!["tokens"]!;
        Assert.That(listed.Single(t => t["name"]!.ToString() == "header-soon")["expiringSoon"]!.Value<bool>(), Is.True);
        Assert.That(listed.Single(t => t["name"]!.ToString() == "header-later")["expiringSoon"]!.Value<bool>(), Is.False);
    }

    [Test]
    public async Task CliListAll_AndAudit_MatchTheApi()
    {
        // Arrange
        var (_, uuid) = await GenerateTokenAsync("alice", AlicePassword, "cli-listed", "4");

        // Act
        var all = await CliAsync(Http, "admin", AdminPassword, "list-api-tokens", "--all", "--state", "expiring");
        var json = await CliAsync(WebSocket, "admin", AdminPassword, "list-api-tokens", "alice", "--all", "--format", "json");
        var notAdmin = await CliAsync(Http, "alice", AlicePassword, "list-api-tokens", "--all");
        var badState = await CliAsync(Http, "admin", AdminPassword, "list-api-tokens", "--all", "--state", "old");
        var audit = await CliAsync(Http, "admin", AdminPassword, "api-token-audit", "--event", "token.created", "--user", "alice", "--limit", "1");
        var auditJson = await CliAsync(Http, "admin", AdminPassword, "api-token-audit", "--limit", "2", "--format", "json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(all.Code, Is.Zero, all.ToString());
            Assert.That(all.Out.Split('\n').Single(l => l.Contains(uuid)), Does.StartWith("alice\tcli-listed\t").And.EndWith("\texpiring"));
            Assert.That(json.Code, Is.Zero, json.ToString());
            Assert.That(JObject.Parse(json.Out)["tokens"]!.Select(t => t["userId"]!.ToString()).Distinct(), Is.EqualTo((string[])["alice"]));
            Assert.That(notAdmin.Code, Is.EqualTo(6));
            Assert.That(badState.Code, Is.EqualTo(2));
            Assert.That(audit.Code, Is.Zero, audit.ToString());
            Assert.That(audit.Out.Split('\t')[1], Is.EqualTo("token.created"));
            Assert.That(audit.Out, Does.Contain($"\talice\t{uuid}\tcli-listed\t"));
            Assert.That(((JArray)JObject.Parse(auditJson.Out)["events"]!).Count, Is.EqualTo(2));
        });
    }

    [TestCase(Http)]
    [TestCase(WebSocket)]
    public async Task CliTokenChanges_AreAuditedAsTheCaller(string mode)
    {
        // Act
        var run = await CliAsync(mode, "alice", AlicePassword, "generate-api-token", "via-cli-" + mode.TrimStart('-'));
        Server.RememberSecret(run.Out.Trim());

        // Assert
        Assert.That(run.Code, Is.Zero, run.ToString());
        var created = (await AuditAsync("event=token.created&user=alice&limit=1"))[0];
        Assert.That(created["tokenName"]!.ToString(), Is.EqualTo("via-cli-" + mode.TrimStart('-')));
        Assert.That(created["actor"]!.ToString(), Is.EqualTo("alice"));
        Assert.That(created["actorAuth"]!.ToString(), Is.EqualTo("password"));
    }

    [Test]
    public async Task ExpiringTokens_BannerOnTheOwnersPages_MonitorOnManage()
    {
        // Arrange
        await GenerateTokenAsync("alice", AlicePassword, "banner-soon", "2");
        var expiring = (await InventoryAsync("user=alice&state=expiring")).Count;
        using var alice = Server.Client("alice", AlicePassword);
        using var admin = Admin();

        // Act
        var security = await alice.GetStringAsync("user/alice/security/");
        var dashboard = await alice.GetStringAsync("");
        var manage = await admin.GetStringAsync("manage/");

        // Assert
        var banner = $"{expiring} API token{(expiring == 1 ? " expires" : "s expire")} within 7 days";
        Assert.Multiple(() =>
        {
            Assert.That(security, Does.Contain(banner));
            Assert.That(dashboard, Does.Contain(banner));
            Assert.That(manage, Does.Contain("id=\"token-expiry-monitor\"").And.Contain("href=\"/manage/apiTokens/?state=expiring\""));
        });
    }

    private async Task SetTokenSettingAsync(string field, string value)
    {
        using var response = await PostAsync(AdminApi(), "manage/apiTokenSettings/configure", (field, value));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private string AddressFilesText() => string.Concat(
        Directory.EnumerateFiles(Path.Combine(Server.Home, "users"), TokenAddressFile.FileName, SearchOption.AllDirectories).Select(File.ReadAllText));
}
