using JenkinsLite.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace JenkinsLite.Browser.Tests;

/// <summary>Views: the dashboard's tabs, New View, Edit View (tick boxes, regular expression) and Delete View.</summary>
internal sealed class ViewTests : BrowserTest
{
    [Test]
    public async Task ListView_IsCreatedEditedShownAsATab_AndDeleted()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword);
        Assert.That(await page.GetAttributeAsync("#view-tabs a:has-text('all')", "aria-current"), Is.EqualTo("page"));

        // Act: New View
        await page.ClickAsync("#view-tabs a[aria-label='New View']");
        await page.WaitForURLAsync("**/newView");
        await ScreenshotAsync(page, "new-view");
        await page.GetByLabel("Name").FillAsync("team");
        await page.ClickAsync("button:has-text('Create')");

        // Assert: on its Edit View page
        await page.WaitForURLAsync("**/view/team/configure");
        await ScreenshotAsync(page, "view-configure");

        // Act: a broken regular expression
        await page.GetByLabel("Description").FillAsync("The team's jobs");
        await page.GetByLabel("greet", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Use a regular expression to include jobs into the view").CheckAsync();
        await page.GetByLabel("Regular expression", new() { Exact = true }).FillAsync("(gre");
        await page.ClickAsync("button:has-text('OK')");

        // Assert: the message by the field, what was typed kept
        var message = page.Locator("#includeRegex-error");
        await message.WaitForAsync();
        Assert.That(await message.TextContentAsync(), Does.StartWith("Not a valid regular expression"));
        Assert.That(await page.InputValueAsync("#description"), Is.EqualTo("The team's jobs"));
        Assert.That(await page.GetByLabel("greet", new() { Exact = true }).IsCheckedAsync(), Is.True);
        Assert.That(await page.InputValueAsync("#includeRegex"), Is.EqualTo("(gre"));

        // Act: mended
        await page.GetByLabel("Regular expression", new() { Exact = true }).FillAsync("gre.*");
        await page.ClickAsync("button:has-text('OK')");

        // Assert: the view is a tab of the dashboard, current, with its job
        await page.WaitForURLAsync("**/view/team/");
        Assert.That(await page.GetAttributeAsync("#view-tabs a:has-text('team')", "aria-current"), Is.EqualTo("page"));
        Assert.That(await page.TextContentAsync("#view-description"), Is.EqualTo("The team's jobs"));
        await page.Locator("#jobs tr[data-job=greet]").WaitForAsync();
        await ScreenshotAsync(page, "view");

        // Act: Delete View, confirmed
        await page.ClickAsync("a:has-text('Edit View')");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync("button:has-text('Delete View')");

        // Assert
        await page.WaitForURLAsync(Url(string.Empty));
        Assert.That(await page.Locator("#view-tabs a:has-text('team')").CountAsync(), Is.Zero);
    }
}
