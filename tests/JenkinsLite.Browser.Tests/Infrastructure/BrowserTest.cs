using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace JenkinsLite.Browser.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: a fresh browser context (its own cookies) per page, a check that no page
/// logged a script error or a Content-Security-Policy violation, and that no secret reached disk or log.
/// </summary>
internal abstract class BrowserTest
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _consoleErrors = [];

    protected static TestServer Server => BrowserSession.Server;

    protected static string Url(string path) => new Uri(Server.BaseUri, path).ToString();

    [TearDown]
    public async Task CloseContextsAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
        var errors = _consoleErrors.ToList();
        _consoleErrors.Clear();
        Assert.That(errors, Is.Empty, "the pages logged errors");
        Server.AssertNoSecretLeaks();
    }

    /// <summary>A page in a new context: nobody is signed in.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await BrowserSession.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 800 },
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = Server.BaseUri.GetLeftPart(UriPartial.Authority) });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        page.Console += (_, message) =>
        {
            // A 403/401 page is an expected answer in some tests; Chromium logs it as "Failed to load resource".
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _consoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add($"{page.Url}: {error}");
        return page;
    }

    /// <summary>Signs in with the form and returns the page, on "from" or the dashboard.</summary>
    protected async Task<IPage> SignInAsync(string user, string password, string? from = null)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(Url(from is null ? "login" : "login?from=" + Uri.EscapeDataString(from)));
        await page.FillAsync("#j_username", user);
        await page.FillAsync("#j_password", password);
        await page.ClickAsync("button[type=submit][name=Submit]");
        await page.WaitForLoadStateAsync();
        Assert.That(page.Url, Does.Not.Contain("loginError"), $"{user} could not sign in");
        return page;
    }

    /// <summary>Reloads the page, as a person waiting for a build would, until <paramref name="done"/> or 30 seconds.</summary>
    protected static async Task ReloadUntilAsync(IPage page, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            try
            {
                await page.ReloadAsync();
            }
            catch (PlaywrightException e) when (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                // The page reloaded itself at the same moment (a build form does, once its post is answered).
            }
        }
    }

    /// <summary>Checks the page with axe-core, then saves its screenshot to the test results.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        await AccessibilityCheck.AssertNoViolationsAsync(page);
        var path = Path.Combine(BrowserSession.ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
    }
}
