using System.Net;
using System.Text;
using JenkinsLite.Server.Tests.Cli;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>Helpers of the token governance tests: the policy, the audit log and the inventory over HTTP.</summary>
internal abstract class GovernanceFixture : CliFixture
{
    protected const string AlicePassword = "alice-governance-1";

    private string _adminToken = null!;

    [OneTimeSetUp]
    public async Task CreateAliceAsync()
    {
        await CreateUserAsync("alice", AlicePassword);
        (_adminToken, _) = await GenerateTokenAsync("admin", AdminPassword, "governance-admin");
    }

    [TearDown]
    public async Task ResetPolicyAsync()
    {
        using var response = await PostJsonAsync(AdminApi(), "manage/apiTokenPolicy/configure",
            """{"maxLifetimeDays":0,"requireExpiration":false,"maxUnusedDays":0,"expiryWarningDays":7,"allowedScopes":"all"}""");
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Alice has Overall/Read only, admin administers; CLI limits as in <see cref="CliFixture"/>.
    /// </summary>
    protected override Task<Infrastructure.TestServer> StartAsync() => StartMatrixAsync(o => o);

    protected static Task<Infrastructure.TestServer> StartMatrixAsync(Func<Hosting.ServerOptions, Hosting.ServerOptions> configure) =>
        Infrastructure.TestServer.StartWithConfigAsync(Infrastructure.TestServer.MatrixConfig(), o => configure(o with
        {
            Cli = new Server.Cli.CliTimeouts { Start = ShortLimit, Pairing = ShortLimit, UploadIdle = ShortLimit },
        }));

    /// <summary>The admin with an API token: scripts' way to POST without a crumb.</summary>
    protected HttpClient AdminApi() => Server.Client("admin", _adminToken);

    protected static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, string json)
    {
        using (client)
        {
            return await client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        }
    }

    protected async Task SetPolicyAsync(string json)
    {
        using var response = await PostJsonAsync(AdminApi(), "manage/apiTokenPolicy/configure", json);
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The audit events matching <paramref name="query"/> (e.g. <c>event=token.created&amp;user=alice</c>), newest first.</summary>
    protected async Task<JArray> AuditAsync(string query)
    {
        using var admin = Admin();
        return (JArray)(await JsonAsync(admin, $"manage/apiTokens/audit/api/json?{query}"))["events"]!;
    }

    protected async Task<JArray> InventoryAsync(string query = "")
    {
        using var admin = Admin();
        return (JArray)(await JsonAsync(admin, $"manage/apiTokens/api/json?{query}"))["tokens"]!;
    }

    /// <summary>generateNewToken by alice with her session, answering the raw response.</summary>
    protected async Task<(HttpStatusCode Status, JObject Body)> AliceGeneratesAsync(params (string Key, string Value)[] form)
    {
        using var alice = Server.Client("alice", AlicePassword, cookies: true);
        var crumb = await CrumbAsync(alice);
        using var response = await PostAsync(alice, $"user/alice/{TokenBase}/generateNewToken", [.. form, ("Jenkins-Crumb", crumb)]);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        if (body["data"]?["tokenValue"]?.ToString() is { Length: > 0 } value)
        {
            Server.RememberSecret(value);
        }

        return (response.StatusCode, body);
    }
}
