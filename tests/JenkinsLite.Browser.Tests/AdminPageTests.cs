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
    public async Task Users_AreCreatedAndDeleted()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/manage/securityRealm/");
        Server.RememberSecret("dave-pass-1");

        // Act: create
        await page.FillAsync("#username", "dave");
        await page.FillAsync("#fullname", "Dave <b>D</b>");
        await page.FillAsync("#new-password1", "dave-pass-1");
        await page.FillAsync("#new-password2", "dave-pass-1");
        await page.ClickAsync("#create-user button[type=submit]");

        // Assert: listed (the page reloads), the name shown as text
        var row = page.Locator("#users tr", new() { HasText = "dave" });
        await row.WaitForAsync();
        Assert.That(await row.Locator("td").Nth(1).TextContentAsync(), Is.EqualTo("Dave <b>D</b>"));

        // Act: delete
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("button:has-text('Delete')").ClickAsync();

        // Assert
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        using var client = Server.Client("dave", "dave-pass-1");
        using var whoAmI = await client.GetAsync("whoAmI/api/json");
        Assert.That(whoAmI.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
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
