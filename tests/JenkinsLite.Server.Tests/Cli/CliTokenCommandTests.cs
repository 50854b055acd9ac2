namespace JenkinsLite.Server.Tests.Cli;

/// <summary>The token commands JenkinsLite adds, under the HTTP endpoints' permission rules.</summary>
internal sealed class CliTokenCommandTests : CliFixture
{
    [Test]
    public async Task GenerateApiToken_ValueWorksListShowsItRevokeByNameEndsIt()
    {
        // Arrange
        await CreateUserAsync("carol", "carol-password-1");

        // Act
        var generated = await CliAsync(Http, "carol", "carol-password-1", "generate-api-token", "ci😀", "--expires", "2099-12-31");
        var token = generated.Out.Trim();
        Server.RememberSecret(token);
        var whoAmI = await CliAsync(WebSocket, "carol", token, "who-am-i");
        var listed = await CliAsync(Http, "carol", token, "list-api-tokens");
        var revoked = await CliAsync(Http, "carol", "carol-password-1", "revoke-api-token", "ci😀");
        var after = await CliAsync(Http, "carol", token, "who-am-i");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(generated.Code, Is.Zero, generated.ToString());
            Assert.That(token, Does.Match("^11[0-9a-f]{32}$"));
            Assert.That(whoAmI.Out, Does.StartWith("Authenticated as: carol\n"));
            Assert.That(listed.Out, Does.Match(@"^ci😀\t[0-9a-f-]{36}\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\tnone\t\d+\t\S+\t-\t2099-12-31\tfull\n$"), listed.ToString());
            Assert.That(revoked.Code, Is.Zero, revoked.ToString());
            Assert.That(after.Code, Is.EqualTo(255), after.ToString());
        });
    }

    [Test]
    public async Task RenameApiToken_ByUuid_ChangesTheName()
    {
        // Arrange
        var (token, uuid) = await GenerateTokenAsync("admin", AdminPassword, "old-name");

        // Act
        var renamed = await CliAsync(WebSocket, "admin", token, "rename-api-token", uuid, "new-name");
        var listed = await CliAsync(WebSocket, "admin", token, "list-api-tokens", "admin");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(renamed.Code, Is.Zero, renamed.ToString());
            Assert.That(listed.Out, Does.Contain($"new-name\t{uuid}\t"));
        });
    }

    [Test]
    public async Task ListApiTokens_UnknownUserAsAdmin_ExitsThree()
    {
        // Arrange: "full control once logged in" makes every signed-in user an administrator
        await CreateUserAsync("dave", "dave-password-1");

        // Act
        var run = await CliAsync(Http, "dave", "dave-password-1", "list-api-tokens", "nobody-else");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(3), run.ToString());
            Assert.That(run.Err, Is.EqualTo("\nERROR: No such user 'nobody-else'\n"));
        });
    }

    [Test]
    public async Task GenerateApiToken_Anonymous_ExitsSix()
    {
        var run = await CliAsync(Http, null, null, "generate-api-token", "x");
        Assert.That(run.Code, Is.EqualTo(6), run.ToString());
    }

    [Test]
    public async Task LegacyReportAndRevoke_NoLegacyTokens_ReportIsEmpty()
    {
        var report = await CliAsync(WebSocket, "admin", AdminPassword, "legacy-api-token-report");
        var revoke = await CliAsync(WebSocket, "admin", AdminPassword, "revoke-legacy-api-tokens");
        Assert.Multiple(() =>
        {
            Assert.That(report.Code, Is.Zero, report.ToString());
            Assert.That(report.Out, Is.Empty);
            Assert.That(revoke.Out, Is.EqualTo("No legacy API tokens revoked\n"));
        });
    }
}
