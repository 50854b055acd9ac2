using Microsoft.Playwright;

namespace JenkinsLite.Browser.Tests.Infrastructure;

/// <summary>
/// Runs axe-core (pinned by this project's package-lock.json, installed by <c>npm ci</c>) in a page and fails
/// on any WCAG 2.0/2.1 A or AA violation, listing each rule and the elements it found. The script goes in
/// through Playwright's evaluation (the DevTools protocol), which the pages' strict CSP does not block.
/// </summary>
internal static class AccessibilityCheck
{
    private const string Run = """
        async () => {
          const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return results.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map(n =>
            `    ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ')}`).join('\n'));
        }
        """;

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(BrowserSession.RepositoryRoot(), "tests", "JenkinsLite.Browser.Tests", "node_modules", "axe-core", "axe.min.js");
        Assert.That(File.Exists(path), Is.True, "axe-core is missing: run `npm ci` in tests/JenkinsLite.Browser.Tests (scripts/test.sh does)");
        return File.ReadAllText(path);
    });

    public static async Task AssertNoViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value + "\n;true");
        }

        var violations = await page.EvaluateAsync<string[]>(Run);
        Assert.That(violations, Is.Empty, $"{page.Url} fails WCAG 2.1 A/AA:\n" + string.Join("\n", violations));
    }
}
