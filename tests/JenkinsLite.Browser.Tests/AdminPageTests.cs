using System.Net;
using JenkinsLite.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Browser.Tests;

/// <summary>Manage Jenkins: the legacy-token monitor, the security settings and the users, as an admin sees them.</summary>
internal sealed class AdminPageTests : BrowserTest
{
    [Test]
    public async Task LegacyToken_ShowsItsWarning_AndIsRevokedFromTheMonitor()
    {
        // Arrange: carol sees her legacy token marked as a risk
        var carol = await SignInAsync("carol", BrowserSession.CarolPassword, "/me/security/");
        var legacyRow = carol.Locator("#tokens li.legacy-token");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await legacyRow.CountAsync(), Is.EqualTo(1));
            Assert.That(await legacyRow.Locator(".warn-sign").GetAttributeAsync("title"), Does.Contain("Revoke it and create a new token"));
            Assert.That(await carol.TextContentAsync("#legacy-state"), Does.Contain("legacy API token"));
        });
        await ScreenshotAsync(carol, "token-page-legacy");

        // Arrange: carol may show her legacy token again, as in Jenkins, and it is the one that works; the admin may not
        await carol.ClickAsync("#legacy-show summary");
        var shown = (await carol.TextContentAsync("#legacy-current"))!.Trim();
        BrowserSession.Server.RememberSecret(shown);
        using (var carolClient = BrowserSession.Server.Client("carol", shown))
        {
            var whoAmI = JObject.Parse(await carolClient.GetStringAsync("whoAmI/api/json"));
            Assert.That(whoAmI["name"]!.ToString(), Is.EqualTo("carol"));
        }

        var adminOnCarol = await SignInAsync("admin", BrowserSession.AdminPassword, "/user/carol/security/");
        Assert.That(await adminOnCarol.Locator("#legacy-show").CountAsync(), Is.Zero, "only the owner sees the value");

        // Act: the admin revokes it from the monitor
        var admin = await SignInAsync("admin", BrowserSession.AdminPassword, "/administrativeMonitor/legacyApiToken/manage");
        var carolBox = admin.Locator("#legacy-users input[data-user=carol]");
        Assert.That(await carolBox.CountAsync(), Is.EqualTo(1), "carol is listed");
        await ScreenshotAsync(admin, "legacy-token-monitor");
        await carolBox.CheckAsync();
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await admin.ClickAsync("button:has-text('Revoke the selected tokens')");

        // Assert: gone from the monitor (the page reloads) and from carol's page
        await carolBox.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await carol.ReloadAsync();
        Assert.That(await carol.Locator("#tokens li.legacy-token").CountAsync(), Is.Zero);
    }

    [Test]
    public async Task SecuritySettings_SwitchesAreSaved_AndTheStrategyIsShown()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/manage/configureSecurity/");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await page.TextContentAsync("body"), Does.Contain("hudson.security.GlobalMatrixAuthorizationStrategy"));
            Assert.That(await page.TextContentAsync("#anonymous-read"), Is.EqualTo("Denied"));
            Assert.That(await page.IsCheckedAsync("#usageStatisticsEnabled"), Is.True);
        });

        try
        {
            // Act
            await page.UncheckAsync("#usageStatisticsEnabled");
            await page.ClickAsync("#token-settings button[type=submit]");
            await page.Locator("#token-settings [data-role=message]").Filter(new() { HasText = "Saved" }).WaitForAsync();

            // Assert
            Assert.That((bool)(await SettingsAsync())["usageStatisticsEnabled"]!, Is.False);
            await page.ReloadAsync();
            Assert.That(await page.IsCheckedAsync("#usageStatisticsEnabled"), Is.False);
        }
        finally
        {
            await page.CheckAsync("#usageStatisticsEnabled");
            await page.ClickAsync("#token-settings button[type=submit]");
            await page.Locator("#token-settings [data-role=message]").Filter(new() { HasText = "Saved" }).WaitForAsync();
        }

        Assert.That((bool)(await SettingsAsync())["usageStatisticsEnabled"]!, Is.True);
    }

    [Test]
    public async Task Users_AreCreatedWithTheForm_RefusalsShownByTheirFields_AndDeleted()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/manage/securityRealm/");
        Server.RememberSecret("dave-pass-1");
        Server.RememberSecret("dave-pass-2");
        await ScreenshotAsync(page, "users");
        await page.ClickAsync("a:has-text('Create User')");
        await page.WaitForURLAsync("**/addUser");
        await ScreenshotAsync(page, "create-user");

        // Act: passwords that differ
        await page.GetByLabel("Username").FillAsync("dave");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("dave-pass-1");
        await page.GetByLabel("Confirm password").FillAsync("dave-pass-2");
        await page.GetByLabel("Full name").FillAsync("Dave <b>D</b>");
        await page.ClickAsync("button:has-text('Create User')");

        // Assert: the message by the confirmation, what was typed kept, the passwords not sent back
        var message = page.Locator("#password2-error");
        await message.WaitForAsync();
        Assert.That(await message.TextContentAsync(), Is.EqualTo("Password didn't match"));
        Assert.That(await page.GetAttributeAsync("#password2", "aria-describedby"), Is.EqualTo("password2-error"));
        Assert.That(await page.InputValueAsync("#username"), Is.EqualTo("dave"));
        Assert.That(await page.InputValueAsync("#fullname"), Is.EqualTo("Dave <b>D</b>"));
        Assert.That(await page.InputValueAsync("#password1"), Is.Empty);
        await ScreenshotAsync(page, "create-user-refused");

        // Act: a name that is taken, then a good form
        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("dave-pass-1");
        await page.GetByLabel("Confirm password").FillAsync("dave-pass-1");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#username-error", new() { HasText = "User name is already taken" }).WaitForAsync();
        await page.GetByLabel("Username").FillAsync("dave");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("dave-pass-1");
        await page.GetByLabel("Confirm password").FillAsync("dave-pass-1");
        await page.ClickAsync("button:has-text('Create User')");

        // Assert: back on the list, the name shown as text, with links to the user's pages
        await page.WaitForURLAsync("**/manage/securityRealm/");
        var row = page.Locator("#users tr[data-user=dave]");
        Assert.That(await row.Locator("td").Nth(1).TextContentAsync(), Is.EqualTo("Dave <b>D</b>"));
        Assert.That(await row.Locator("a:has-text('Security')").GetAttributeAsync("href"), Is.EqualTo("/user/dave/security/"));
        await row.GetByRole(AriaRole.Link, new() { Name = "dave", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/user/dave/");
        Assert.That(await page.TextContentAsync("h1"), Does.Contain("Dave <b>D</b>"));
        Assert.That(await page.TextContentAsync("#token-summary"), Does.Contain("No API tokens configured"));
        await ScreenshotAsync(page, "user");
        await page.GoBackAsync();

        // Act: delete, confirmed
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("button:has-text('Delete')").ClickAsync();

        // Assert
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        using var client = Server.Client("dave", "dave-pass-1");
        using var whoAmI = await client.GetAsync("whoAmI/api/json");
        Assert.That(whoAmI.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task UserPage_ShowsTheTokenSummaryOnlyToTheUserAndAdmins()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/user/admin/");

        // Assert: the owner or an admin sees the summary and the way to the Security page
        Assert.That(await page.TextContentAsync("#token-summary"), Does.Contain("API Token"));
        Assert.That(await page.GetAttributeAsync("#token-summary a:has-text('Security')", "href"), Is.EqualTo("/user/admin/security/"));

        // Act: another user's page, seen by alice
        var alice = await SignInAsync("alice", BrowserSession.AlicePassword, "/user/bob/");

        // Assert: the name only
        Assert.That(await alice.TextContentAsync("h1"), Does.Contain("bob"));
        Assert.That(await alice.Locator("#token-summary").CountAsync(), Is.Zero);
        await ScreenshotAsync(alice, "user-seen-by-another");
    }

    [Test]
    public async Task UnreadableData_SaysEveryFileCouldBeRead()
    {
        // Arrange / Act
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/manage/unreadableData/");

        // Assert
        Assert.That(await page.TextContentAsync("main"), Does.Contain("Every data file could be read"));
        await page.ClickAsync("header a:has-text('Manage')");
        Assert.That(await page.Locator("main a").CountAsync(), Is.GreaterThanOrEqualTo(4));
    }

    private static async Task<JObject> SettingsAsync()
    {
        using var client = Server.Client("admin", BrowserSession.AdminPassword);
        return JObject.Parse(await client.GetStringAsync("manage/apiTokenSettings/api/json"));
    }
}
