using JenkinsLite.Browser.Tests.Infrastructure;

namespace JenkinsLite.Browser.Tests;

/// <summary>The dashboard: jobs with their last result, and "Build now" with a parameters form.</summary>
internal sealed class DashboardTests : BrowserTest
{
    [Test]
    public async Task BuildWithParameters_FromTheDashboard_ShowsTheResult()
    {
        // Arrange
        var page = await SignInAsync("admin", BrowserSession.AdminPassword);
        var row = page.Locator("#jobs tr[data-job=greet]");
        await row.WaitForAsync();

        // Act
        await row.Locator("summary").ClickAsync();
        await row.Locator("input[name=NAME]").FillAsync("browser");
        await row.Locator("select[name=GREETING]").SelectOptionAsync("Hi");
        await row.Locator("button:has-text('Build')").ClickAsync();

        // Assert: the page reloads until the build has a result
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await row.Locator("td.result").TextContentAsync()) is "Never built" or "Running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        Assert.That(await row.Locator("td.result").TextContentAsync(), Is.EqualTo("SUCCESS"));
        Assert.That(await row.Locator("a:has-text('#1')").CountAsync(), Is.EqualTo(1));
        await ScreenshotAsync(page, "dashboard");
        using var client = Server.Client("admin", BrowserSession.AdminPassword);
        Assert.That(await client.GetStringAsync("job/greet/1/consoleText"), Does.Contain("Hi, browser!"));
    }
}
