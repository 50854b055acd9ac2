using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>Jenkins' BasicHeaderProcessor rules: token first then password, 401 on bad credentials, crumbs for passwords.</summary>
internal sealed class BasicAuthenticationTests : ServerFixture
{
    private string _token = null!;

    [OneTimeSetUp]
    public async Task CreateUserAsync()
    {
        await CreateUserAsync("carol", "carol-password-1");
        (_token, _) = await GenerateTokenAsync("carol", "carol-password-1", "basic-tests");
    }

    [TestCase("Basic")]
    [TestCase("BASIC")]
    [TestCase("basic")]
    [TestCase("bASIC")]
    public async Task Scheme_AnyCase_Authenticates(string scheme)
    {
        using var client = Server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "whoAmI/api/json");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {Convert.ToBase64String(Encoding.UTF8.GetBytes("carol:" + _token))}");

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"name\":\"carol\""));
    }

    [TestCase("bm9jb2xvbg==")] // "nocolon"
    [TestCase("!!!not-base64!!!")]
    public async Task MalformedHeader_Is401WithChallenge(string encoded)
    {
        using var client = Server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "whoAmI/api/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + encoded);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Basic realm=\"Jenkins\""));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Malformed"));
    }

    [Test]
    public async Task UnknownUser_Is401AndUserIsNotCreated()
    {
        Assert.That(await WhoAmIStatusAsync(Server, "nobody-here", _token), Is.EqualTo(HttpStatusCode.Unauthorized));

        using var admin = Admin();
        using var response = await admin.GetAsync("user/nobody-here/api/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task TokenOfAnotherUser_Is401()
    {
        Assert.That(await WhoAmIStatusAsync(Server, "admin", _token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task PrefixedOrUpperCasedToken_Is401_AsInJenkins()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await WhoAmIStatusAsync(Server, "carol", "abcd" + _token), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await WhoAmIStatusAsync(Server, "carol", _token.ToUpperInvariant()), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await WhoAmIStatusAsync(Server, "carol", "99" + _token[2..]), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await WhoAmIStatusAsync(Server, "carol", _token[2..]), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task UserName_IsCaseInsensitive_AndReportedCanonical()
    {
        using var client = Server.Client("CAROL", _token);

        var body = await JsonAsync(client, "whoAmI/api/json");

        Assert.That(body["name"]!.ToString(), Is.EqualTo("carol"));
    }

    [Test]
    public async Task Password_AlsoAuthenticates_ButTokenIsTriedFirst()
    {
        Assert.That(await WhoAmIStatusAsync(Server, "carol", "carol-password-1"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await WhoAmIStatusAsync(Server, "carol", "wrong-password"), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Post_WithTokenAndNoCrumb_Succeeds_WithPasswordAndNoCrumb_Is403()
    {
        using var byToken = Server.Client("carol", _token);
        using var byPassword = Server.Client("carol", "carol-password-1");

        using var tokenPost = await PostAsync(byToken, $"user/carol/{TokenBase}/rename", ("tokenUuid", Guid.NewGuid().ToString()), ("newName", "x"));
        using var passwordPost = await PostAsync(byPassword, $"user/carol/{TokenBase}/rename", ("tokenUuid", Guid.NewGuid().ToString()), ("newName", "x"));

        Assert.That(tokenPost.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(passwordPost.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await passwordPost.Content.ReadAsStringAsync(), Does.Contain("No valid crumb was included in the request"));
    }

    [Test]
    public async Task TokenRequest_NeverCreatesASession()
    {
        using var client = Server.Client("carol", _token);

        using var crumb = await client.GetAsync("crumbIssuer/api/json");
        using var whoAmI = await client.GetAsync("whoAmI/api/json");

        Assert.That(crumb.Headers.Contains("Set-Cookie"), Is.False);
        Assert.That(whoAmI.Headers.Contains("Set-Cookie"), Is.False);
    }

    [Test]
    public async Task ChangePassword_TakesEffectOnNextRequest_AndEndsSessions()
    {
        await CreateUserAsync("dave", "dave-password-1");
        using var session = Server.Client("dave", "dave-password-1", cookies: true);
        var crumb = await CrumbAsync(session);
        Server.RememberSecret("dave-password-2");

        using var change = await PostAsync(session, "user/dave/changePassword",
            ("password1", "dave-password-2"), ("password2", "dave-password-2"), ("Jenkins-Crumb", crumb));

        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.OK), await change.Content.ReadAsStringAsync());
        Assert.That(await WhoAmIStatusAsync(Server, "dave", "dave-password-1"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await WhoAmIStatusAsync(Server, "dave", "dave-password-2"), Is.EqualTo(HttpStatusCode.OK));
        session.DefaultRequestHeaders.Authorization = null;
        var afterChange = await JsonAsync(session, "whoAmI/api/json");
        Assert.That(afterChange["name"]!.ToString(), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task DeleteUser_MakesItsTokensFailAtOnce()
    {
        await CreateUserAsync("erin", "erin-password-1");
        var (token, _) = await GenerateTokenAsync("erin", "erin-password-1");
        Assert.That(await WhoAmIStatusAsync(Server, "erin", token), Is.EqualTo(HttpStatusCode.OK));
        using var admin = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(admin);

        using var delete = await PostAsync(admin, "user/erin/doDelete", ("Jenkins-Crumb", crumb));

        Assert.That((int)delete.StatusCode, Is.EqualTo(302));
        Assert.That(await WhoAmIStatusAsync(Server, "erin", token), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Directory.EnumerateDirectories(Path.Combine(Server.Home, "users")).Any(d => Path.GetFileName(d).StartsWith("erin", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task ExpiredToken_Is401WithMessageSayingItExpired()
    {
        const string expiredValue = "11aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        Server.RememberSecret(expiredValue);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        // The API refuses past expiry dates, so an expired token can only come from a file: write one as Jenkins would.
        var configPath = Directory.EnumerateFiles(Path.Combine(Server.Home, "users"), "config.xml", SearchOption.AllDirectories)
            .Single(f => File.ReadAllText(f).Contains("<id>carol</id>", StringComparison.Ordinal));
        var xml = File.ReadAllText(configPath).Replace("</tokenList>", $"""
            <jenkins.security.apitoken.ApiTokenStore_-HashedToken>
              <uuid>{Guid.NewGuid()}</uuid>
              <name>expired</name>
              <creationDate>2025-01-01 00:00:00.0 UTC</creationDate>
              <expirationDate>{yesterday:yyyy-MM-dd}</expirationDate>
              <value>
                <version>11</version>
                <hash>{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(expiredValue[2..])))}</hash>
              </value>
            </jenkins.security.apitoken.ApiTokenStore_-HashedToken>
            </tokenList>
            """, StringComparison.Ordinal);
        File.WriteAllText(configPath, xml);
        Server.Probe.Users.Reload();
        using var client = Server.Client("carol", expiredValue);

        using var response = await client.GetAsync("whoAmI/api/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("expired"));
    }
}
