using JenkinsLite.Browser.Tests.Infrastructure;

namespace JenkinsLite.Browser.Tests;

/// <summary>"New Item" with Jenkins' name checks, a folder with a job inside, and Rename and Delete on the job page.</summary>
internal sealed class NewItemTests : BrowserTest
{
    [Test]
    public async Task NewItem_ChecksTheName_CreatesAFreestyleProject_ThenRenameAndDelete()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword);
        await page.ClickAsync("a:has-text('New Item')");
        await page.WaitForURLAsync("**/newJob");

        // Act: a taken name, an unsafe one, then a good one
        await page.GetByLabel("Enter an item name").PressSequentiallyAsync("greet");
        await page.Locator("#name-check.error", new() { HasText = "A job already exists with the name ‘greet’" }).WaitForAsync();
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:has-text('OK')"), "**/createItem");
        Assert.That(refused.Status, Is.EqualTo(400));
        await page.Locator("#name:focus").WaitForAsync();
        Assert.That(await page.InputValueAsync("#name"), Is.EqualTo("greet"), "the typed name is kept");
        Assert.That(page.Url, Does.EndWith("/newJob"), "the refused form stays");
        await page.GetByLabel("Enter an item name").FillAsync("a?b");
        await page.Locator("#name-check.error", new() { HasText = "‘?’ is an unsafe character" }).WaitForAsync();
        await ScreenshotAsync(page, "new-item-name-error");
        await page.GetByLabel("Enter an item name").FillAsync("made-in-browser");
        await page.Locator("#name-check:not(.error)", new() { HasText = string.Empty }).WaitForAsync();
        await page.GetByLabel("Freestyle project").CheckAsync();
        await page.ClickAsync("button:has-text('OK')");

        // Assert: Jenkins goes to the new job's configure page
        await page.WaitForURLAsync("**/job/made-in-browser/configure");

        // Act: rename on the job page
        await page.GotoAsync(Url("job/made-in-browser/"));
        await ScreenshotAsync(page, "job-page-actions");
        await page.ClickAsync("summary:has-text('Rename')");
        await page.GetByLabel("New name").FillAsync("renamed-in-browser");
        await page.ClickAsync("button:has-text('Rename')");
        await page.WaitForURLAsync("**/job/renamed-in-browser");
        Assert.That(await page.TextContentAsync("h1"), Does.Contain("renamed-in-browser"));

        // Act: delete, declined once then confirmed
        string? asked = null;
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            if (accept)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };
        await page.ClickAsync("button:has-text('Delete Project')");
        Assert.That(asked, Is.EqualTo("Delete the Project ‘renamed-in-browser’?"));
        Assert.That(page.Url, Does.Contain("/job/renamed-in-browser"), "declined: nothing happens");
        accept = true;
        await page.ClickAsync("button:has-text('Delete Project')");

        // Assert: back on the dashboard, without the job
        await page.WaitForURLAsync(Url(""));
        Assert.That(await page.Locator("#jobs tr[data-job='renamed-in-browser']").CountAsync(), Is.EqualTo(0));
        using var client = Server.Client("admin", BrowserSession.AdminPassword);
        using var gone = await client.GetAsync("job/renamed-in-browser/api/json");
        Assert.That((int)gone.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task NewItem_MakesAFolder_AndAJobInsideIt()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/newJob");
        await page.WaitForURLAsync("**/newJob");

        // Act
        await page.GetByLabel("Enter an item name").FillAsync("team");
        await page.GetByLabel("Folder", new() { Exact = true }).CheckAsync();
        await page.ClickAsync("button:has-text('OK')");
        await page.WaitForURLAsync("**/job/team/configure");
        await page.GotoAsync(Url("job/team/"));
        await page.ClickAsync("a:has-text('New Item')");
        await page.WaitForURLAsync("**/job/team/newJob");
        await page.GetByLabel("Enter an item name").FillAsync("inner");
        await page.GetByLabel("Copy from").CheckAsync();
        await page.GetByLabel("Name of the item to copy").FillAsync("greet");
        await page.ClickAsync("button:has-text('OK')");

        // Assert: the copy sits in the folder, listed on its page
        await page.WaitForURLAsync("**/job/team/job/inner/configure");
        await page.GotoAsync(Url("job/team/"));
        Assert.That(await page.Locator("#items a[href='/job/team/job/inner/']").CountAsync(), Is.EqualTo(1));
        await ScreenshotAsync(page, "folder-page");
    }
}
