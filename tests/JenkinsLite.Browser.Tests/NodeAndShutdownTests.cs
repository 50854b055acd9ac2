using JenkinsLite.Browser.Tests.Infrastructure;

namespace JenkinsLite.Browser.Tests;

/// <summary>
/// The built-in node taken offline from the dashboard's executor panel, and "Prepare for Shutdown" from
/// Manage Jenkins. Each test puts the server back as it found it.
/// </summary>
internal sealed class NodeAndShutdownTests : BrowserTest
{
    [Test]
    public async Task ExecutorPanel_MarkOfflineWithAReason_ThenBackOnline()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword);
        await page.Locator("#executors").WaitForAsync();

        // Act
        await page.FillAsync("#offlineMessage", "disk check");
        await page.ClickAsync("button:has-text('Mark this node temporarily offline')");
        var offline = page.Locator("#node-state:has-text('is offline')");
        await offline.WaitForAsync();
        var offlineText = await offline.TextContentAsync();
        await ScreenshotAsync(page, "dashboard-node-offline");
        await page.ClickAsync("button:has-text('Bring this node back online')");
        await page.Locator("#offlineMessage").WaitForAsync();

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(offlineText, Does.Contain("Built-In Node is offline: Disconnected by admin : disk check"));
            Assert.That(await page.TextContentAsync("#node-state"), Does.Not.Contain("offline"));
        });
    }

    [Test]
    public async Task PrepareForShutdown_ShowsTheNoticeOnEveryPage_UntilCancelled()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/manage/");

        // Act
        await page.FillAsync("#quiet-reason", "upgrade at noon");
        await page.ClickAsync("button:has-text('Prepare for Shutdown')");
        await page.Locator("button:has-text('Cancel Shutdown')").WaitForAsync();
        await ScreenshotAsync(page, "manage-shutdown");
        await page.GotoAsync(Url(""));
        var notice = await page.TextContentAsync("main p[role=status]");
        await page.GotoAsync(Url("manage/"));
        await page.ClickAsync("button:has-text('Cancel Shutdown')");
        await page.Locator("#quiet-reason").WaitForAsync();

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(notice, Is.EqualTo("Jenkins is going to shut down: upgrade at noon"));
            Assert.That(await page.Locator("main p[role=status]").CountAsync(), Is.Zero);
        });
    }
}
