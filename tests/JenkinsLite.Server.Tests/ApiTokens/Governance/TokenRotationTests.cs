using System.Net;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>Rotation with a grace window (token-governance.md section 3), with the server's clock moved on by the test.</summary>
internal sealed class TokenRotationTests : TokenGovernanceFixture
{
    [Test]
    public async Task Rotate_OldValueWorksInsideTheGraceWindow_AndIsRefusedAfterIt()
    {
        // Arrange
        var (old, oldUuid) = await ScopedAdminTokenAsync(("newTokenName", "ci-deploy"), ("scope", "build"));

        // Act
        var (status, body, text) = await TokenActionAsync("admin", AdminPassword, "rotate", ("tokenUuid", oldUuid), ("graceMinutes", "30"));
        var fresh = body?["data"]?["tokenValue"]?.ToString();
        Server.RememberSecret(fresh ?? string.Empty);
        var oldDuring = await WhoAmIStatusAsync(Server, "admin", old);
        var listed = await TokensOfAsync("admin");
        Clock.Advance(TimeSpan.FromMinutes(31));
        var oldAfter = await WhoAmIStatusAsync(Server, "admin", old);
        var freshAfter = await WhoAmIStatusAsync(Server, "admin", fresh!);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        var data = body!["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(data["tokenName"]!.ToString(), Is.EqualTo("ci-deploy"));
            Assert.That(data["rotatedFrom"]!.ToString(), Is.EqualTo(oldUuid));
            Assert.That(fresh, Does.Match("^11[0-9a-f]{32}$"));
            Assert.That(oldDuring, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(listed.Single(t => t["uuid"]!.ToString() == oldUuid)["rotatedTo"]!.ToString(), Is.EqualTo(data["tokenUuid"]!.ToString()));
            Assert.That(listed.Single(t => t["uuid"]!.ToString() == data["tokenUuid"]!.ToString())["scope"]!["name"]!.ToString(), Is.EqualTo("build"));
            Assert.That(oldAfter, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(freshAfter, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Rotate_ZeroGrace_RevokesTheOldValueAtOnce()
    {
        var (old, oldUuid) = await ScopedAdminTokenAsync(("newTokenName", "at-once"));

        var (status, body, text) = await TokenActionAsync("admin", AdminPassword, "rotate", ("tokenUuid", oldUuid));
        Server.RememberSecret(body?["data"]?["tokenValue"]?.ToString() ?? string.Empty);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(await WhoAmIStatusAsync(Server, "admin", old), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await TokensOfAsync("admin")).Any(t => t["uuid"]!.ToString() == oldUuid), Is.False);
    }

    [Test]
    public async Task Rotate_UnknownUuid_Is404()
    {
        var (status, body, text) = await TokenActionAsync("admin", AdminPassword, "rotate", ("tokenUuid", Guid.NewGuid().ToString()));

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound), text);
        Assert.That(body!["status"]!.ToString(), Is.EqualTo("error"));
    }

    [TestCase("-1")]
    [TestCase("10081")]
    [TestCase("soon")]
    public async Task Rotate_BadGrace_Is400AndChangesNothing(string grace)
    {
        var (_, uuid) = await ScopedAdminTokenAsync(("newTokenName", "bad-grace-" + grace));
        var before = await TokensOfAsync("admin");

        var (status, _, text) = await TokenActionAsync("admin", AdminPassword, "rotate", ("tokenUuid", uuid), ("graceMinutes", grace));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That((await TokensOfAsync("admin")).Count, Is.EqualTo(before.Count));
    }

    [Test]
    public async Task Rotate_ByAScopedToken_IsRefusedByTheScope()
    {
        var (reader, uuid) = await ScopedAdminTokenAsync(("newTokenName", "reader-rotates"), ("scope", "read"));
        using var client = Server.Client("admin", reader);

        using var response = await PostAsync(client, $"user/admin/{TokenBase}/rotate", ("tokenUuid", uuid));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Headers.GetValues("X-JenkinsLite-Token-Scope").Single(), Is.EqualTo("read"));
    }

    [Test]
    public async Task RotateApiTokenCommand_ByName_PrintsTheNewValueOnce()
    {
        var (old, _) = await ScopedAdminTokenAsync(("newTokenName", "cli-rotated"));

        var run = await CliAsync(Http, "admin", AdminToken, "rotate-api-token", "cli-rotated", "--grace", "5");
        var fresh = run.Out.Trim();
        Server.RememberSecret(fresh);

        Assert.That(run.Code, Is.Zero, run.ToString());
        Assert.That(fresh, Does.Match("^11[0-9a-f]{32}$"));
        Assert.That(await WhoAmIStatusAsync(Server, "admin", fresh), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await WhoAmIStatusAsync(Server, "admin", old), Is.EqualTo(HttpStatusCode.OK));
    }
}
