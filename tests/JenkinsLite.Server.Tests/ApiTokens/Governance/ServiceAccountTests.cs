using System.Net;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>Service accounts (token-governance.md section 4): no password ever works; admins issue, rotate and revoke their tokens.</summary>
internal sealed class ServiceAccountTests : TokenGovernanceFixture
{
    // Alice is an ordinary user here: Overall/Read only.
    protected override string? ConfigXml => Infrastructure.TestServer.MatrixConfig();

    [OneTimeSetUp]
    public async Task CreateAccountsAsync()
    {
        await CreateUserAsync("alice", "alice-password-1");
        var (status, text) = await CreateServiceAccountAsync("deploy-bot");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Found), text);
    }

    [Test]
    public async Task CreateServiceAccount_RedirectsToTheUser_AndIsShownAsOne()
    {
        var (status, _) = await CreateServiceAccountAsync("report-bot");
        using var admin = Server.Client("admin", AdminToken);

        var json = await JsonAsync(admin, "user/report-bot/api/json");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Found));
        Assert.That((bool)json["serviceAccount"]!, Is.True);
        Assert.That((await JsonAsync(admin, "user/alice/api/json"))["serviceAccount"], Is.Null);
    }

    [TestCase("deploy-bot")]
    [TestCase("not valid!")]
    [TestCase("anonymous")]
    public async Task CreateServiceAccount_TakenOrInvalidId_Is400(string id)
    {
        var (status, text) = await CreateServiceAccountAsync(id);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), text);
    }

    [Test]
    public async Task CreateServiceAccount_ByANonAdmin_Is403()
    {
        using var alice = Server.Client("alice", "alice-password-1", cookies: true);
        var crumb = await CrumbAsync(alice);

        using var response = await PostAsync(alice, "securityRealm/createServiceAccount", ("username", "alice-bot"), ("Jenkins-Crumb", crumb));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("")]
    [TestCase("any-password-1")]
    public async Task PasswordSignIn_AlwaysFails(string password)
    {
        using var client = Server.Client("deploy-bot", password);

        using var basic = await client.GetAsync("whoAmI/api/json");
        var (changeStatus, _, _) = await TokenActionAsyncAsAdmin("user/deploy-bot/changePassword", ("password1", "set-it-1"), ("password2", "set-it-1"));
        using var stillNot = await Server.Client("deploy-bot", "set-it-1").GetAsync("whoAmI/api/json");

        Assert.That(basic.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(changeStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(stillNot.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Admin_GeneratesRotatesAndRevokesForAServiceAccount_CreatedByShown()
    {
        // Act
        var (generated, created, text) = await TokenActionAsyncAsAdmin($"user/deploy-bot/{TokenBase}/generateNewToken", ("newTokenName", "ci"), ("scope", "build"));
        var value = created!["data"]!["tokenValue"]!.ToString();
        Server.RememberSecret(value);
        var uuid = created["data"]!["tokenUuid"]!.ToString();
        var works = await WhoAmIStatusAsync(Server, "deploy-bot", value);
        var (rotated, rotation, _) = await TokenActionAsyncAsAdmin($"user/deploy-bot/{TokenBase}/rotate", ("tokenUuid", uuid));
        var newUuid = rotation!["data"]!["tokenUuid"]!.ToString();
        Server.RememberSecret(rotation["data"]!["tokenValue"]!.ToString());
        var tokens = await TokensOfAsync("deploy-bot");
        var (revoked, _, _) = await TokenActionAsyncAsAdmin($"user/deploy-bot/{TokenBase}/revoke", ("tokenUuid", newUuid));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(generated, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(works, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rotated, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(tokens.Single(t => t["uuid"]!.ToString() == newUuid)["createdBy"]!.ToString(), Is.EqualTo("admin"));
            Assert.That(revoked, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await TokensOfAsync("deploy-bot")).Any(t => t["uuid"]!.ToString() == newUuid), Is.False);
        });
    }

    [Test]
    public async Task Admin_MayOnlyRevokeForAnOrdinaryUser()
    {
        var (aliceToken, uuid) = await GenerateTokenAsync("alice", "alice-password-1", "alice-own");

        var (generated, _, _) = await TokenActionAsyncAsAdmin($"user/alice/{TokenBase}/generateNewToken", ("newTokenName", "by-admin"));
        var (rotated, _, _) = await TokenActionAsyncAsAdmin($"user/alice/{TokenBase}/rotate", ("tokenUuid", uuid));
        var stillWorks = await WhoAmIStatusAsync(Server, "alice", aliceToken);
        var (revoked, _, _) = await TokenActionAsyncAsAdmin($"user/alice/{TokenBase}/revoke", ("tokenUuid", uuid));

        Assert.Multiple(async () =>
        {
            Assert.That(generated, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(rotated, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(stillWorks, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revoked, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await WhoAmIStatusAsync(Server, "alice", aliceToken), Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Cli_CreateServiceAccountAndIssueItsToken()
    {
        var created = await CliAsync(Http, "admin", AdminToken, "create-service-account", "cli-bot", "--full-name", "CLI bot");
        var issued = await CliAsync(Http, "admin", AdminToken, "generate-api-token", "deploy", "--user", "cli-bot", "--scope", "build", "--items", "team-a/**");
        var value = issued.Out.Trim();
        Server.RememberSecret(value);
        var refused = await CliAsync(Http, "alice", "alice-password-1", "create-service-account", "alice-bot");
        var badScope = await CliAsync(Http, "admin", AdminToken, "generate-api-token", "x", "--user", "cli-bot", "--scope", "everything");

        Assert.Multiple(async () =>
        {
            Assert.That(created.Code, Is.Zero, created.ToString());
            Assert.That(issued.Code, Is.Zero, issued.ToString());
            Assert.That(await WhoAmIStatusAsync(Server, "cli-bot", value), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.Code, Is.EqualTo(6), refused.ToString());
            Assert.That(badScope.Code, Is.EqualTo(2), badScope.ToString());
            Assert.That(badScope.Err, Does.Contain("Unknown token scope 'everything'"));
        });
    }

    private async Task<(HttpStatusCode Status, string Text)> CreateServiceAccountAsync(string id)
    {
        var (status, _, text) = await TokenActionAsyncAsAdmin("securityRealm/createServiceAccount", ("username", id), ("fullName", id + " (bot)"));
        return (status, text);
    }

    private async Task<(HttpStatusCode Status, Newtonsoft.Json.Linq.JObject? Body, string Text)> TokenActionAsyncAsAdmin(
        string url, params (string Key, string Value)[] form)
    {
        using var client = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(client);
        using var response = await PostAsync(client, url, [.. form, ("Jenkins-Crumb", crumb)]);
        return await ReadAsync(response);
    }
}
