using JenkinsLite.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Browser.Tests;

/// <summary>The admins' token governance pages and the expiry reminders, in Chromium (each page passes axe-core).</summary>
internal sealed class TokenGovernancePageTests : BrowserTest
{
    private const string ErinPassword = "erin-pass-1";

    [OneTimeSetUp]
    public async Task CreateErinAsync()
    {
        Server.RememberSecret(ErinPassword);
        var (admin, crumb) = await BrowserSession.PasswordClientAsync("admin", BrowserSession.AdminPassword);
        using (admin)
        using (var response = await BrowserSession.PostAsync(admin, crumb, "securityRealm/createAccountByAdmin",
            ("username", "erin"), ("password1", ErinPassword), ("password2", ErinPassword), ("fullname", "Erin")))
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(302));
        }
    }

    [Test]
    public async Task PolicyPage_SavesTheFields_AndShowsABadValue()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/manage/apiTokenPolicy/");
        await ScreenshotAsync(page, "token-policy");

        try
        {
            // Act
            await page.GetByLabel("Maximum lifetime (days)").FillAsync("90");
            await page.GetByLabel("New tokens must have an expiration date").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await page.Locator("#token-policy [data-role=message]").Filter(new() { HasText = "Saved" }).WaitForAsync();

            // Assert
            var policy = await PolicyAsync();
            Assert.That((int)policy["maxLifetimeDays"]!, Is.EqualTo(90));
            Assert.That((bool)policy["requireExpiration"]!, Is.True);

            // Act: a bad value is named and nothing is saved
            await page.GetByLabel("Scopes users who are not admins may create").FillAsync("read,root");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await page.Locator("#token-policy [data-role=message]").Filter(new() { HasText = "root" }).WaitForAsync();
            Assert.That(((JArray)(await PolicyAsync())["allowedScopes"]!).Count, Is.EqualTo(4));
        }
        finally
        {
            await page.ReloadAsync();
            await page.GetByLabel("Maximum lifetime (days)").FillAsync("0");
            await page.GetByLabel("New tokens must have an expiration date").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await page.Locator("#token-policy [data-role=message]").Filter(new() { HasText = "Saved" }).WaitForAsync();
        }

        Assert.That((int)(await PolicyAsync())["maxLifetimeDays"]!, Is.Zero);
    }

    [Test]
    public async Task SecurityPage_CustomScope_TicksPermissionsAndLimitsItems()
    {
        // Arrange
        var page = await SignInAsync("erin", ErinPassword, "/me/security/");
        var boxes = page.GetByRole(AriaRole.Group, new() { Name = "Permissions of the custom scope" });
        Assert.That(await boxes.IsHiddenAsync(), Is.True, "the tick boxes show only for the custom scope");

        // Act
        await page.FillAsync("#newTokenName", "erin-custom");
        await page.GetByLabel("Scope", new() { Exact = true }).SelectOptionAsync("custom");
        await page.GetByLabel("Job/Build").CheckAsync();
        await page.GetByLabel("Job/Cancel").CheckAsync();
        await page.GetByLabel("Items (optional)").FillAsync("team-a/**\ndeploy-*");
        await ScreenshotAsync(page, "token-page-custom-scope");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await page.Locator("#new-token").WaitForAsync();
        Server.RememberSecret((await page.TextContentAsync("#new-token-value"))!);

        // Assert: the form is back to its start, and the stored scope is the one chosen
        Assert.That(await boxes.IsHiddenAsync(), Is.True);
        using var admin = Server.Client("admin", BrowserSession.AdminPassword);
        var user = JObject.Parse(await admin.GetStringAsync("user/erin/api/json"));
        var token = user["property"]!.First(p => p["_class"]!.ToString() == "jenkins.security.ApiTokenProperty")["tokens"]!
            .Single(t => t["name"]!.ToString() == "erin-custom");
        Assert.That(token["scope"]!["name"]!.ToString(), Is.EqualTo("custom"));
        Assert.That(token["scope"]!["permissions"]!.Select(p => p.ToString()), Does.Contain("hudson.model.Item.Build").And.Contain("hudson.model.Item.Cancel")
            .And.Not.Contain("hudson.model.Item.Configure"));
        Assert.That(token["scope"]!["items"]!.Select(i => i.ToString()), Is.EqualTo((string[])["team-a/**", "deploy-*"]));
        await page.ReloadAsync();
        Assert.That(await page.Locator("#tokens .token-scope").Filter(new() { HasText = "scope: custom(hudson.model.Item.Build,hudson.model.Item.Cancel) on team-a/**, deploy-*" }).CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task ExpiringToken_BannerForItsOwner_MonitorLeadsToTheInventory_WhereItIsRevoked()
    {
        // Arrange: erin has a token expiring in 3 days
        var (erin, crumb) = await BrowserSession.PasswordClientAsync("erin", ErinPassword);
        using (erin)
        using (var response = await BrowserSession.PostAsync(erin, crumb, $"user/erin/{BrowserSession.TokenBase}/generateNewToken",
            ("newTokenName", "erin-soon"), ("expirationDuration", "3")))
        {
            Server.RememberSecret(JObject.Parse(await response.Content.ReadAsStringAsync())["data"]!["tokenValue"]!.ToString());
        }

        // Assert: erin's pages say so
        var erinPage = await SignInAsync("erin", ErinPassword, "/me/security/");
        Assert.That(await erinPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "API token expires within 7 days" }).CountAsync(), Is.EqualTo(1));
        await ScreenshotAsync(erinPage, "token-expiry-banner");

        // Act: the admin follows the monitor to the inventory
        var admin = await SignInAsync("admin", BrowserSession.AdminPassword, "/manage/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "See the tokens expiring soon" }).ClickAsync();
        await admin.WaitForURLAsync("**/manage/apiTokens/?state=expiring");
        var box = admin.GetByRole(AriaRole.Checkbox, new() { Name = "Select erin: erin-soon" });
        Assert.That(await box.CountAsync(), Is.EqualTo(1));
        await ScreenshotAsync(admin, "token-inventory");
        await box.CheckAsync();
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke the selected tokens" }).ClickAsync();

        // Assert: gone (the page reloads), and erin's banner with it
        await box.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await erinPage.ReloadAsync();
        Assert.That(await erinPage.Locator("#token-expiry-banner").CountAsync(), Is.Zero);
    }

    [Test]
    public async Task InventoryAndAuditPages_FilterByUser()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/manage/apiTokens/");

        // Act
        await page.GetByLabel("User").FillAsync("bob");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/manage/apiTokens/?user=bob*");

        // Assert: only bob's three tokens, his oldest in red
        Assert.That(await page.Locator("#inventory tbody tr").CountAsync(), Is.EqualTo(3));
        Assert.That(await page.Locator("#inventory .age-red").CountAsync(), Is.EqualTo(1));

        // Act: the audit log of bob's tokens
        await page.GotoAsync(Url("manage/apiTokens/audit/"));
        await page.GetByLabel("User").FillAsync("bob");
        await page.GetByLabel("Event").SelectOptionAsync("token.created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/manage/apiTokens/audit/?user=bob*");

        // Assert
        var rows = page.Locator("#audit-events tbody tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(3));
        Assert.That(await rows.First.TextContentAsync(), Does.Contain("token.created").And.Contain("bob"));
        await ScreenshotAsync(page, "token-audit-log");
    }

    private static async Task<JObject> PolicyAsync()
    {
        using var client = Server.Client("admin", BrowserSession.AdminPassword);
        return JObject.Parse(await client.GetStringAsync("manage/apiTokenPolicy/api/json"));
    }
}
