using JenkinsLite.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

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
        await ReloadUntilAsync(page, async () =>
            await row.CountAsync() > 0 && (await row.Locator("td.result [data-status]").GetAttributeAsync("data-status")) is not "notbuilt_anime");

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

    [Test]
    public async Task Status_RunningBuildShowsItsProgressFromTheEstimate_FinishedJobShowsItsWeather()
    {
        // Arrange: a job whose first build takes about 2 s (the estimate), then a slower one that is still running
        var (admin, crumb) = await BrowserSession.PasswordClientAsync("admin", BrowserSession.AdminPassword);
        using (admin)
        {
            await PostXmlAsync(admin, crumb, "createItem?name=progressing", Freestyle("sleep 2"));
            await BuildAndWaitAsync(admin, crumb, "progressing", 1);
            await PostXmlAsync(admin, crumb, "job/progressing/config.xml", Freestyle("sleep 6"));
            using var queued = await BrowserSession.PostAsync(admin, crumb, "job/progressing/build");
            var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/job/progressing/");
            var running = page.Locator("#builds tr[data-build='2']");
            await ReloadUntilAsync(page, async () => await running.CountAsync() > 0);

            // Assert: the running build's bar, named for screen readers, in percent of the estimate
            var bar = running.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of progressing #2" });
            var value = int.Parse(await bar.GetAttributeAsync("value") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(value, Is.InRange(0, 99));
            Assert.That(await running.InnerTextAsync(), Does.Match(@"\d+ % of about 2(\.\d)? s"));
            Assert.That(await page.InnerTextAsync("#health"), Does.Contain("Build stability: No recent builds failed."));
            await ScreenshotAsync(page, "job-page-running");
            await page.GotoAsync(Url("job/progressing/2/console"));
            Assert.That(await page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of progressing #2" }).CountAsync(), Is.EqualTo(1));
            await page.Locator("#build-state", new() { HasText = "finished" }).WaitForAsync(new() { Timeout = 20_000 });
            Assert.That(await page.Locator(".build-progress").IsHiddenAsync(), Is.True, "the bar goes when the build ends");

            // Act: a failing build, then the dashboard
            await PostXmlAsync(admin, crumb, "job/progressing/config.xml", Freestyle("exit 1"));
            await BuildAndWaitAsync(admin, crumb, "progressing", 3);
            await page.GotoAsync(Url(""));

            // Assert: the weather in its column, its sentence for screen readers; the last success, failure and duration
            var row = page.Locator("#jobs tr[data-job='progressing']");
            var weather = row.Locator("td.weather");
            Assert.That(await weather.Locator(".health-partlycloudy .health-icon[aria-hidden=true]").CountAsync(), Is.EqualTo(1));
            Assert.That(await weather.Locator(".visually-hidden").InnerTextAsync(), Is.EqualTo("Build stability: 1 out of the last 3 builds failed."));
            Assert.That(await row.Locator("td.last-success").InnerTextAsync(), Does.EndWith("#2"));
            Assert.That(await row.Locator("td.last-failure").InnerTextAsync(), Does.EndWith("#3"));
            Assert.That(await row.Locator("td.last-duration").InnerTextAsync(), Does.Match(@"\d"));
            Assert.That(await page.GetByRole(AriaRole.Columnheader, new() { Name = "Weather" }).CountAsync(), Is.EqualTo(1));
            await ScreenshotAsync(page, "dashboard-weather");
        }
    }

    private static string Freestyle(string command) => $"""
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <builders>
            <hudson.tasks.Shell>
              <command>{command}</command>
            </hudson.tasks.Shell>
          </builders>
        </project>
        """;

    private static async Task PostXmlAsync(HttpClient client, string crumb, string url, string xml)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml") };
        request.Headers.Add("Jenkins-Crumb", crumb);
        using var response = await client.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    private static async Task BuildAndWaitAsync(HttpClient client, string crumb, string job, int number)
    {
        using var queued = await BrowserSession.PostAsync(client, crumb, $"job/{job}/build");
        Assert.That((int)queued.StatusCode, Is.EqualTo(201));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync($"job/{job}/{number}/api/json?tree=building");
            if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"building\":false", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(300);
        }

        Assert.Fail($"{job} #{number} did not finish");
    }
}
