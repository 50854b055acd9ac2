using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens;

internal sealed class ApiTokenEndpointTests : ServerFixture
{
    [OneTimeSetUp]
    public async Task CreateUsersAsync()
    {
        await CreateUserAsync("alice", "alice-password-1");
        await CreateUserAsync("bob", "bob-password-1");
    }

    [Test]
    public async Task GenerateNewToken_ByOwner_ReturnsJenkinsShapeAndValueWorks()
    {
        // Arrange
        using var alice = Server.Client("alice", "alice-password-1", cookies: true);
        var crumb = await CrumbAsync(alice);

        // Act
        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/generateNewToken", ("newTokenName", "ci-bot"), ("Jenkins-Crumb", crumb));
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        var value = body["data"]!["tokenValue"]!.ToString();
        Server.RememberSecret(value);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
            Assert.That(body["status"]!.ToString(), Is.EqualTo("ok"));
            Assert.That(body["data"]!["tokenName"]!.ToString(), Is.EqualTo("ci-bot"));
            Assert.That(Guid.TryParse(body["data"]!["tokenUuid"]!.ToString(), out _), Is.True);
            Assert.That(value, Does.Match("^11[0-9a-f]{32}$"));
            Assert.That(body["data"]!["expirationDate"]!.ToString(), Is.EqualTo("never"));
        });
        Assert.That(await WhoAmIStatusAsync(Server, "alice", value), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task GenerateNewToken_BlankName_GetsJenkinsDefaultName()
    {
        var (_, uuid) = await GenerateTokenAsync("alice", "alice-password-1", name: "  ");

        var tokens = await TokensOfAsync("alice");

        Assert.That(tokens.Single(t => t["uuid"]!.ToString() == uuid)["name"]!.ToString(), Does.StartWith("Token created on 20"));
    }

    [Test]
    public async Task GenerateNewToken_AdminForAnotherUser_Is403AndCreatesNothing()
    {
        var before = (await TokensOfAsync("bob")).Count;
        using var admin = Admin();

        using var response = await admin.PostAsync($"user/bob/{TokenBase}/generateNewToken", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await TokensOfAsync("bob")).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task GenerateNewToken_OtherUser_Is403()
    {
        var (bobToken, _) = await GenerateTokenAsync("bob", "bob-password-1");
        using var bob = Server.Client("bob", bobToken);

        using var response = await bob.PostAsync($"user/alice/{TokenBase}/generateNewToken", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task GenerateNewToken_Get_Is405AndCreatesNothing()
    {
        var (token, _) = await GenerateTokenAsync("alice", "alice-password-1");
        var before = (await TokensOfAsync("alice")).Count;
        using var alice = Server.Client("alice", token);

        using var response = await alice.GetAsync($"user/alice/{TokenBase}/generateNewToken");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(response.Content.Headers.Allow, Does.Contain("POST"));
            Assert.That((await TokensOfAsync("alice")).Count, Is.EqualTo(before));
        });
    }

    [TestCase(257)]
    [TestCase(5000)]
    public async Task GenerateNewToken_OversizedName_Is400AndCreatesNothing(int length)
    {
        var (token, _) = await GenerateTokenAsync("alice", "alice-password-1");
        var before = (await TokensOfAsync("alice")).Count;
        using var alice = Server.Client("alice", token);

        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/generateNewToken", ("newTokenName", new string('x', length)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JObject.Parse(await response.Content.ReadAsStringAsync())["message"]!.ToString(), Does.Contain("at most 256"));
        Assert.That((await TokensOfAsync("alice")).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task GenerateNewToken_ExpiryInPast_IsJenkinsErrorAndCreatesNothing()
    {
        var (token, _) = await GenerateTokenAsync("alice", "alice-password-1");
        var before = (await TokensOfAsync("alice")).Count;
        using var alice = Server.Client("alice", token);

        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/generateNewToken",
            ("expirationDuration", "custom"), ("tokenExpiration", "2020-01-01"));

        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body["status"]!.ToString(), Is.EqualTo("error"));
        Assert.That(body["message"]!.ToString(), Is.EqualTo("Expiration date is in the past."));
        Assert.That((await TokensOfAsync("alice")).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task GenerateNewToken_WithExpiry_IsListedWithItsDateAndWorks()
    {
        var (token, uuid) = await GenerateTokenAsync("alice", "alice-password-1", "thirty days", expirationDuration: "30");

        var listed = (await TokensOfAsync("alice")).Single(t => t["uuid"]!.ToString() == uuid);

        Assert.That(listed["expirationDate"]!.ToString(), Is.EqualTo(DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd")));
        Assert.That(await WhoAmIStatusAsync(Server, "alice", token), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Rename_ByOwner_ChangesNameAndKeepsToken()
    {
        var (token, uuid) = await GenerateTokenAsync("alice", "alice-password-1", "old-name");
        using var alice = Server.Client("alice", token);

        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/rename", ("tokenUuid", uuid), ("newName", "new-name"));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"status\":\"ok\"}"));
        Assert.That((await TokensOfAsync("alice")).Single(t => t["uuid"]!.ToString() == uuid)["name"]!.ToString(), Is.EqualTo("new-name"));
        Assert.That(await WhoAmIStatusAsync(Server, "alice", token), Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("", "new", "The tokenUuid cannot be empty")]
    [TestCase("UUID", "", "The name cannot be empty")]
    [TestCase("00000000-0000-0000-0000-000000000000", "new", "No token found, try refreshing the page")]
    public async Task Rename_BadInput_IsJenkinsErrorJson(string uuid, string newName, string message)
    {
        var (token, realUuid) = await GenerateTokenAsync("alice", "alice-password-1", "keep-me");
        using var alice = Server.Client("alice", token);

        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/rename", ("tokenUuid", uuid == "UUID" ? realUuid : uuid), ("newName", newName));

        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body["status"]!.ToString(), Is.EqualTo("error"));
        Assert.That(body["message"]!.ToString(), Is.EqualTo(message));
        Assert.That((await TokensOfAsync("alice")).Single(t => t["uuid"]!.ToString() == realUuid)["name"]!.ToString(), Is.EqualTo("keep-me"));
    }

    [Test]
    public async Task Revoke_ByAdmin_TakesEffectOnNextRequest()
    {
        var (token, uuid) = await GenerateTokenAsync("bob", "bob-password-1");
        Assert.That(await WhoAmIStatusAsync(Server, "bob", token), Is.EqualTo(HttpStatusCode.OK));
        using var admin = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(admin);

        using var response = await PostAsync(admin, $"user/bob/{TokenBase}/revoke", ("tokenUuid", uuid), ("Jenkins-Crumb", crumb));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await WhoAmIStatusAsync(Server, "bob", token), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await TokensOfAsync("bob")).Any(t => t["uuid"]!.ToString() == uuid), Is.False);
    }

    [Test]
    public async Task Revoke_UnknownUuid_Is200AndChangesNothing()
    {
        var (token, _) = await GenerateTokenAsync("alice", "alice-password-1");
        var before = (await TokensOfAsync("alice")).Count;
        using var alice = Server.Client("alice", token);

        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/revoke", ("tokenUuid", Guid.NewGuid().ToString()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await TokensOfAsync("alice")).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Revoke_BlankUuid_Is400()
    {
        var (token, _) = await GenerateTokenAsync("alice", "alice-password-1");
        using var alice = Server.Client("alice", token);

        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/revoke", ("tokenUuid", ""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("The tokenUuid cannot be empty"));
    }

    [Test]
    public async Task RevokeAllExcept_KeepsExactlyThatToken()
    {
        var (first, _) = await GenerateTokenAsync("bob", "bob-password-1");
        var (kept, keptUuid) = await GenerateTokenAsync("bob", "bob-password-1");
        using var bob = Server.Client("bob", kept);

        using var response = await PostAsync(bob, $"user/bob/{TokenBase}/revokeAllExcept", ("tokenUuid", keptUuid));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await TokensOfAsync("bob")).Select(t => t["uuid"]!.ToString()), Is.EqualTo(new[] { keptUuid }));
        Assert.That(await WhoAmIStatusAsync(Server, "bob", first), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await WhoAmIStatusAsync(Server, "bob", kept), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RevokeAll_RemovesEveryToken()
    {
        var (token, _) = await GenerateTokenAsync("bob", "bob-password-1");
        using var bob = Server.Client("bob", token);

        using var response = await bob.PostAsync($"user/bob/{TokenBase}/revokeAll", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await TokensOfAsync("bob"), Is.Empty);
        Assert.That(await WhoAmIStatusAsync(Server, "bob", token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AddFixedToken_JenkinsGoldValue_Authenticates()
    {
        const string fixedValue = "110123456789abcdef0123456789abcdef";
        Server.RememberSecret(fixedValue);
        var (token, _) = await GenerateTokenAsync("alice", "alice-password-1");
        using var alice = Server.Client("alice", token);

        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/addFixedToken", ("newTokenName", "fixed"), ("newTokenPlainValue", fixedValue));

        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body["status"]!.ToString(), Is.EqualTo("ok"));
        Assert.That(body["data"]!["tokenValue"], Is.Null);
        Assert.That(await WhoAmIStatusAsync(Server, "alice", fixedValue), Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("110123456789abcdef0123456789abcdefg")]
    [TestCase("110123456789abcdef0123456789abcde")]
    [TestCase("110123456789abcdef0123456789abcdeg")]
    [TestCase("120123456789abcdef0123456789abcdef")]
    public async Task AddFixedToken_InvalidValue_Is400AndAddsNothing(string value)
    {
        var (token, _) = await GenerateTokenAsync("alice", "alice-password-1");
        var before = (await TokensOfAsync("alice")).Count;
        using var alice = Server.Client("alice", token);

        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/addFixedToken", ("newTokenPlainValue", value));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await TokensOfAsync("alice")).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task TokenList_TreeQuery_SelectsTokenFields()
    {
        var (token, _) = await GenerateTokenAsync("alice", "alice-password-1", "tree-me");
        using var alice = Server.Client("alice", token);

        var body = await JsonAsync(alice, "me/api/json?tree=id,property[tokens[name,useCount]]");

        var tokens = body["property"]!.SelectMany(p => p["tokens"] ?? new JArray()).ToList();
        Assert.That(body["id"]!.ToString(), Is.EqualTo("alice"));
        Assert.That(body["fullName"], Is.Null);
        Assert.That(tokens.Select(t => t["name"]!.ToString()), Does.Contain("tree-me"));
        Assert.That(tokens.All(t => t.Children<JProperty>().Select(p => p.Name).OrderBy(n => n).SequenceEqual(["name", "useCount"])), Is.True);
    }

    [Test]
    public async Task UsageStatistics_CountEachTokenUse_AndSurviveRestart()
    {
        var (token, uuid) = await GenerateTokenAsync("alice", "alice-password-1", "counted");
        for (var i = 0; i < 5; i++)
        {
            Assert.That(await WhoAmIStatusAsync(Server, "alice", token), Is.EqualTo(HttpStatusCode.OK));
        }

        await Server.RestartAsync();

        var listed = (await TokensOfAsync("alice")).Single(t => t["uuid"]!.ToString() == uuid);
        Assert.That(listed["useCount"]!.Value<int>(), Is.GreaterThanOrEqualTo(5));
        Assert.That(listed["lastUseDate"]!.Type, Is.Not.EqualTo(JTokenType.Null));
    }

    private async Task<List<JToken>> TokensOfAsync(string user)
    {
        using var admin = Admin();
        var body = await JsonAsync(admin, $"user/{user}/api/json");
        return body["property"]!.Single(p => p["_class"]!.ToString() == "jenkins.security.ApiTokenProperty")["tokens"]!.ToList();
    }
}
