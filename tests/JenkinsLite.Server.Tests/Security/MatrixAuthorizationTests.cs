using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>Token rules between users who are not administrators, under matrix-auth's global matrix.</summary>
internal sealed class MatrixAuthorizationTests : ServerFixture
{
    private static readonly string MatrixConfig = TestServer.MatrixConfig("hudson.model.Item.Read:alice");

    private string _aliceToken = null!;
    private string _aliceUuid = null!;
    private string _bobToken = null!;

    [OneTimeSetUp]
    public async Task CreateUsersAsync()
    {
        await CreateUserAsync("alice", "alice-password-2");
        await CreateUserAsync("bob", "bob-password-2");
        (_aliceToken, _aliceUuid) = await GenerateTokenAsync("alice", "alice-password-2", "alice-token");
        (_bobToken, _) = await GenerateTokenAsync("bob", "bob-password-2", "bob-token");
    }

    [Test]
    public async Task Revoke_ByAnotherUser_Is403WithJenkinsHeaders_AndTokenStillWorks()
    {
        using var bob = Server.Client("bob", _bobToken);

        using var response = await PostAsync(bob, $"user/alice/{TokenBase}/revoke", ("tokenUuid", _aliceUuid));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(response.Headers.GetValues("X-You-Are-Authenticated-As").Single(), Is.EqualTo("bob"));
            Assert.That(response.Headers.GetValues("X-Required-Permission").Single(), Is.EqualTo("hudson.model.Hudson.Administer"));
        });
        Assert.That(await WhoAmIStatusAsync(Server, "alice", _aliceToken), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Rename_ByAnotherUser_Is403()
    {
        using var bob = Server.Client("bob", _bobToken);

        using var response = await PostAsync(bob, $"user/alice/{TokenBase}/rename", ("tokenUuid", _aliceUuid), ("newName", "stolen"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task UserApi_TokenListOnlyForOwnerAndAdmin_NeverValues()
    {
        using var alice = Server.Client("alice", _aliceToken);
        using var bob = Server.Client("bob", _bobToken);
        using var admin = Admin();

        var own = await JsonAsync(alice, "user/alice/api/json");
        var asBob = await JsonAsync(bob, "user/alice/api/json");
        var asAdmin = await JsonAsync(admin, "user/alice/api/json");

        Assert.Multiple(() =>
        {
            Assert.That(((JArray)own["property"]!).Any(p => p["tokens"] is JArray { Count: 1 }), Is.True);
            Assert.That(((JArray)asAdmin["property"]!).Any(p => p["tokens"] is JArray { Count: 1 }), Is.True);
            Assert.That((JArray)asBob["property"]!, Is.Empty);
            Assert.That(asBob["fullName"]!.ToString(), Is.EqualTo("ALICE"));
            Assert.That(own.ToString(), Does.Not.Contain(_aliceToken[2..]));
            Assert.That(asAdmin.ToString(), Does.Not.Contain(_aliceToken[2..]));
        });
    }

    [Test]
    public async Task AdminEndpoints_ForNonAdmin_Are403()
    {
        using var bob = Server.Client("bob", _bobToken);

        using var monitor = await bob.GetAsync("administrativeMonitor/legacyApiToken/api/json");
        using var reload = await bob.PostAsync("reload", null);
        using var create = await PostAsync(bob, "securityRealm/createAccountByAdmin", ("username", "mallory"), ("password1", "x"), ("password2", "x"));

        Assert.That(new[] { monitor.StatusCode, reload.StatusCode, create.StatusCode }, Is.All.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Anonymous_WithoutOverallRead_Is403NotChallenge()
    {
        using var anonymous = Server.Client();

        using var response = await anonymous.GetAsync("api/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty);
        Assert.That(response.Headers.GetValues("X-You-Are-Authenticated-As").Single(), Is.EqualTo("anonymous"));
    }

    protected override Task<TestServer> StartAsync() => TestServer.StartWithConfigAsync(MatrixConfig);
}
