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
        var status = row.Locator("td.result [data-status]");
        while ((await status.GetAttributeAsync("data-status")) != "blue" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        Assert.That(await status.GetAttributeAsync("data-status"), Is.EqualTo("blue"));
        Assert.That(await row.Locator("td.result").InnerTextAsync(), Does.Contain("Success").And.Not.Contain("blue"), "the status in words");
        Assert.That(await row.Locator("td.last-success a:has-text('#1')").CountAsync(), Is.EqualTo(1));
        Assert.That(await row.Locator("td.last-failure").InnerTextAsync(), Is.EqualTo("N/A"));
        Assert.That(await row.Locator("td.last-duration").InnerTextAsync(), Does.Match(@"^[\d.]+ (ms|s)$|min"));
        await ScreenshotAsync(page, "dashboard");
        using var client = Server.Client("admin", BrowserSession.AdminPassword);
        Assert.That(await client.GetStringAsync("job/greet/1/consoleText"), Does.Contain("Hi, browser!"));
    }

    [Test]
    public async Task ConsolePage_FollowsARunningBuild()
    {
        // Arrange: a job that takes a few seconds, triggered over HTTP
        const string Slow = """
            <?xml version='1.1' encoding='UTF-8'?>
            <project><builders><hudson.tasks.Shell><command>for i in 1 2 3 4 5; do echo "step $i"; sleep 1; done</command></hudson.tasks.Shell></builders></project>
            """;
        var (admin, crumb) = await BrowserSession.PasswordClientAsync("admin", BrowserSession.AdminPassword);
        using (admin)
        {
            using var create = new HttpRequestMessage(HttpMethod.Post, "createItem?name=slow") { Content = new StringContent(Slow, System.Text.Encoding.UTF8, "application/xml") };
            create.Headers.Add("Jenkins-Crumb", crumb);
            using var created = await admin.SendAsync(create);
            Assert.That((int)created.StatusCode, Is.EqualTo(200), await created.Content.ReadAsStringAsync());
            using var queued = await BrowserSession.PostAsync(admin, crumb, "job/slow/build");
            Assert.That((int)queued.StatusCode, Is.EqualTo(201));
        }

        var page = await SignInAsync("admin", BrowserSession.AdminPassword);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var lastBuild = page.Locator("#jobs tr[data-job=slow] td.result a[href='/job/slow/1/console']");
        while (await lastBuild.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(300);
            await page.ReloadAsync();
        }

        // Act
        Assert.That(await lastBuild.InnerTextAsync(), Does.Contain("In progress"));
        await lastBuild.ClickAsync();
        await page.WaitForURLAsync("**/job/slow/1/console");

        // Assert: the log grows while it runs, and the page notices the end
        await page.Locator("#console", new() { HasText = "step 2" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.That(await page.TextContentAsync("#build-state"), Is.EqualTo("running"));
        await ScreenshotAsync(page, "running-build");
        await page.Locator("#console", new() { HasText = "step 5" }).WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("#build-state", new() { HasText = "finished" }).WaitForAsync(new() { Timeout = 15_000 });
        await ScreenshotAsync(page, "finished-build");
    }
}
