using JenkinsLite.Browser.Tests.Infrastructure;

namespace JenkinsLite.Browser.Tests;

/// <summary>The job page: its builds, newest first, and "Build now" with the parameters form.</summary>
internal sealed class JobPageTests : BrowserTest
{
    [Test]
    public async Task BuildWithParameters_FromTheJobPage_ListsTheNewBuild()
    {
        // Arrange: the seeded job may already have builds from other tests
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/job/greet/");
        await page.WaitForURLAsync("**/job/greet/");
        Assert.That(await page.TextContentAsync("h1"), Does.Contain("greet"));
        Assert.That(await page.TextContentAsync("#description"), Is.EqualTo("Greets someone; shows string, choice and boolean parameters."));
        var before = await page.Locator("#builds tbody tr").CountAsync();
        var expected = (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Act
        await page.Locator("summary:has-text('Build with Parameters')").ClickAsync();
        await ScreenshotAsync(page, "job-page-parameters");
        await page.Locator("input[name=NAME]").FillAsync("job page");
        await page.Locator("select[name=GREETING]").SelectOptionAsync("Good morning");
        await page.Locator("button:has-text('Build')").ClickAsync();

        // Assert: the page reloads until the new build has a result
        var row = page.Locator($"#builds tr[data-build='{expected}']");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await row.CountAsync() == 0 || (await row.Locator("td.result [data-status]").GetAttributeAsync("data-status")) is "notbuilt_anime") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        Assert.That(await row.Locator("td.result").InnerTextAsync(), Does.Contain("Success"));
        Assert.That(await page.Locator("#builds tbody tr").First.GetAttributeAsync("data-build"), Is.EqualTo(expected), "newest first");
        Assert.That(await page.InnerTextAsync("#job-color"), Does.Contain("Success").And.Not.Contain("blue"), "the status in words");
        Assert.That(await page.Locator("#job-color [data-status=blue] .status-icon[aria-hidden=true]").CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator("#job-links a[href='/job/greet/config.xml']").CountAsync(), Is.EqualTo(1));
        await ScreenshotAsync(page, "job-page");

        await row.Locator($"a:has-text('#{expected}')").ClickAsync();
        await page.WaitForURLAsync($"**/job/greet/{expected}/console");
        await page.Locator("#console", new() { HasText = "Good morning, job page!" }).WaitForAsync(new() { Timeout = 15_000 });
    }
}
