using System.Net;
using System.Text.RegularExpressions;
using JenkinsLite.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace JenkinsLite.Browser.Tests;

/// <summary>The user's Security page: tokens shown once, used over HTTP, renamed, revoked, aged, and kept private.</summary>
internal sealed partial class TokenPageTests : BrowserTest
{
    [Test]
    public async Task NewToken_IsShownOnce_WorksOverHttp_IsRenamed_AndRevoked()
    {
        // Arrange
        var page = await SignInAsync("alice", BrowserSession.AlicePassword, "/user/alice/security/");

        // Act: create it; the value is shown once
        await page.FillAsync("#newTokenName", "deploy-script");
        await page.SelectOptionAsync("#expirationDuration", "90");
        await page.ClickAsync("#new-token-form button[type=submit]");
        await page.Locator("#new-token").WaitForAsync();
        var value = (await page.TextContentAsync("#new-token-value"))!;
        Server.RememberSecret(value);
        var row = page.Locator("#tokens li.token", new() { Has = page.Locator(".token-name", new() { HasTextRegex = new Regex("^deploy-script$") }) });
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(value, Does.Match(TokenShape()));
            Assert.That(await page.TextContentAsync("#new-token"), Does.Contain("cannot be recovered"));
            Assert.That(await row.CountAsync(), Is.EqualTo(1));
        });
        await page.ClickAsync("button[data-copy=new-token-value]");
        Assert.That(await page.EvaluateAsync<string>("navigator.clipboard.readText()"), Is.EqualTo(value));
        await ScreenshotAsync(page, "token-page-new-token");

        // Assert: it works over HTTP, and after a reload it is gone for good
        Assert.That(await WhoAmIStatusAsync("alice", value), Is.EqualTo(HttpStatusCode.OK));
        await page.ReloadAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await page.IsHiddenAsync("#new-token"), Is.True);
            Assert.That(await page.ContentAsync(), Does.Not.Contain(value));
            Assert.That(await row.Locator(".token-expiry").TextContentAsync(), Does.StartWith("Expires on"));
            Assert.That(await row.Locator(".token-usage").TextContentAsync(), Does.Contain("Used 1 time"));
        });

        // Act: rename it in place
        await row.Locator("form[data-js=rename] button").ClickAsync();
        await row.Locator("input[name=newName]").FillAsync("deploy-script-2");
        await row.Locator("form[data-js=rename] button").ClickAsync();
        var renamed = page.Locator("#tokens li.token", new() { Has = page.Locator(".token-name", new() { HasTextRegex = new Regex("^deploy-script-2$") }) });
        await renamed.Locator("input[name=newName]").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await page.ReloadAsync();
        Assert.That(await renamed.CountAsync(), Is.EqualTo(1), "the new name was saved");

        // Act: revoke it, confirming
        string? question = null;
        page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await renamed.Locator("form[data-js=revoke] button").ClickAsync();
        await renamed.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        // Assert: the HTTP call now fails
        Assert.That(question, Does.Contain("deploy-script-2"));
        Assert.That(await WhoAmIStatusAsync("alice", value), Is.EqualTo(HttpStatusCode.Unauthorized));
        await page.ReloadAsync();
        Assert.That(await renamed.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task OldTokens_ShowOrangeAndRedAges()
    {
        // Arrange / Act
        var page = await SignInAsync("bob", BrowserSession.BobPassword, "/me/security/");

        // Assert
        var seven = Row(page, "seven-months").Locator(".token-age");
        var thirteen = Row(page, "thirteen-months").Locator(".token-age");
        var fresh = Row(page, "fresh").Locator(".token-age");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await seven.GetAttributeAsync("class"), Does.Contain("age-orange"));
            Assert.That(await thirteen.GetAttributeAsync("class"), Does.Contain("age-red"));
            Assert.That(await fresh.GetAttributeAsync("class"), Does.Contain("age-none"));
            // Jenkins' classic orange and red underline the ages; the text is a darker shade that keeps AA contrast.
            Assert.That(await seven.EvaluateAsync<string>("e => getComputedStyle(e).borderBottomColor"), Is.EqualTo("rgb(224, 147, 7)"));
            Assert.That(await thirteen.EvaluateAsync<string>("e => getComputedStyle(e).borderBottomColor"), Is.EqualTo("rgb(222, 104, 104)"));
            Assert.That(await seven.EvaluateAsync<string>("e => getComputedStyle(e).color"), Is.EqualTo("rgb(138, 90, 0)"));
            Assert.That(await thirteen.EvaluateAsync<string>("e => getComputedStyle(e).color"), Is.EqualTo("rgb(196, 35, 45)"));
            Assert.That(await seven.TextContentAsync(), Does.Match(@"Created 2\d\d days ago"));
            Assert.That(await thirteen.TextContentAsync(), Does.Match(@"Created 3\d\d days ago"));
        });
        await ScreenshotAsync(page, "token-page-ages");
    }

    [Test]
    public async Task AnotherUsersTokenPage_IsForbidden()
    {
        // Arrange
        var page = await SignInAsync("alice", BrowserSession.AlicePassword);

        // Act
        var direct = await page.GotoAsync(Url("user/bob/security/"));
        var directText = await page.ContentAsync();
        var older = await page.GotoAsync(Url("user/bob/configure"));
        var manage = await page.GotoAsync(Url("manage/"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(direct!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
            Assert.That(directText, Does.Not.Contain("seven-months"));
            Assert.That(older!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
            Assert.That(manage!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task AnonymousVisitor_IsSentToSignIn()
    {
        // Arrange
        var page = await NewPageAsync();

        // Act
        await page.GotoAsync(Url("user/alice/security/"));
        await page.WaitForURLAsync("**/login?from=**");

        // Assert
        Assert.That(Uri.UnescapeDataString(page.Url), Does.Contain("from=/user/alice/security/"));
    }

    private static ILocator Row(IPage page, string name) =>
        page.Locator("#tokens li.token", new() { Has = page.Locator(".token-name", new() { HasTextRegex = new Regex("^" + Regex.Escape(name) + "$") }) });

    private static async Task<HttpStatusCode> WhoAmIStatusAsync(string user, string secret)
    {
        using var client = Server.Client(user, secret);
        using var response = await client.GetAsync("whoAmI/api/json");
        return response.StatusCode;
    }

    [GeneratedRegex("^11[0-9a-f]{32}$")]
    private static partial Regex TokenShape();
}
