using System.Net;
using JenkinsLite.Browser.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Browser.Tests;

/// <summary>The sign-in form, sign-out, and crumbs on forms, in a real browser.</summary>
internal sealed class SignInTests : BrowserTest
{
    [Test]
    public async Task SignIn_WithPassword_OpensSessionAndGoesToFrom()
    {
        // Arrange
        var page = await NewPageAsync();
        var response = await page.GotoAsync(Url("login?from=" + Uri.EscapeDataString("/me/security/")));
        await ScreenshotAsync(page, "sign-in");

        // Act
        await page.FillAsync("#j_username", "alice");
        await page.FillAsync("#j_password", BrowserSession.AlicePassword);
        await page.ClickAsync("button[name=Submit]");
        await page.WaitForURLAsync("**/user/alice/security/");

        // Assert
        var cookies = await page.Context.CookiesAsync();
        var headers = response!.Headers;
        Assert.Multiple(() =>
        {
            Assert.That(headers["content-security-policy"], Does.Contain("script-src 'self'").And.Not.Contain("unsafe-inline"));
            Assert.That(headers["x-frame-options"], Is.EqualTo("deny"));
            Assert.That(headers["referrer-policy"], Is.EqualTo("same-origin"));
            Assert.That(cookies.Single(c => c.Name.StartsWith("JSESSIONID.", StringComparison.Ordinal)).HttpOnly, Is.True);
        });
        Assert.That(await page.TextContentAsync("h1"), Does.Contain("Alice"));
    }

    [Test]
    public async Task SignIn_WithAnotherHostAsFrom_GoesToTheDashboard()
    {
        // Arrange / Act
        var page = await SignInAsync("alice", BrowserSession.AlicePassword, "//evil.example/steal");

        // Assert
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/"));
        Assert.That(new Uri(page.Url).Host, Is.EqualTo(Server.BaseUri.Host));
    }

    [Test]
    public async Task SignIn_WithApiToken_IsRefusedWithTokensAreForScripts()
    {
        // Arrange: a valid token of alice, which works over HTTP
        var (client, crumb) = await BrowserSession.PasswordClientAsync("alice", BrowserSession.AlicePassword);
        string token;
        using (client)
        {
            using var created = await BrowserSession.PostAsync(client, crumb, $"user/alice/{BrowserSession.TokenBase}/generateNewToken", ("newTokenName", "not-a-password"));
            token = JObject.Parse(await created.Content.ReadAsStringAsync())["data"]!["tokenValue"]!.ToString();
            Server.RememberSecret(token);
        }

        var page = await NewPageAsync();
        await page.GotoAsync(Url("login"));

        // Act
        await page.FillAsync("#j_username", "alice");
        await page.FillAsync("#j_password", token);
        await page.ClickAsync("button[name=Submit]");
        await page.WaitForURLAsync("**/loginError**");

        // Assert: refused, with the reason, and not signed in
        Assert.That(await page.TextContentAsync("#login-error"), Does.Contain("API tokens are for scripts"));
        Assert.That(page.Url, Does.Not.Contain(token));
        var after = await page.GotoAsync(Url("me/security/"));
        Assert.That(after!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
        var (owner, _) = await BrowserSession.PasswordClientAsync("alice", BrowserSession.AlicePassword);
        using (owner)
        {
            var alice = JObject.Parse(await owner.GetStringAsync("user/alice/api/json"));
            var tokens = alice["property"]!.Single(p => p["_class"]?.ToString() == "jenkins.security.ApiTokenProperty")["tokens"]!;
            Assert.That((int)tokens.Single(t => t["name"]!.ToString() == "not-a-password")["useCount"]!, Is.Zero, "a refused sign-in is not a use");
        }
    }

    [Test]
    public async Task SignIn_WithWrongPassword_GoesToLoginError()
    {
        // Arrange
        var page = await NewPageAsync();
        await page.GotoAsync(Url("login"));

        // Act
        await page.FillAsync("#j_username", "alice");
        await page.FillAsync("#j_password", "not-her-password");
        await page.ClickAsync("button[name=Submit]");
        await page.WaitForURLAsync("**/loginError**");

        // Assert
        Assert.That(await page.TextContentAsync("#login-error"), Does.Contain("Invalid username or password"));
    }

    [Test]
    public async Task SignInForm_PostedWithoutItsCrumb_IsRefused()
    {
        // Arrange: the form as served, less its crumb
        var page = await NewPageAsync();
        await page.GotoAsync(Url("login"));
        await page.EvalOnSelectorAsync("#login-form input[name=Jenkins-Crumb]", "field => field.remove()");
        await page.FillAsync("#j_username", "alice");
        await page.FillAsync("#j_password", BrowserSession.AlicePassword);

        // Act
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[name=Submit]"),
            r => r.Url.EndsWith("/j_spring_security_check", StringComparison.Ordinal));

        // Assert: 403 "No valid crumb", and no session was opened for alice
        Assert.That(response.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
        Assert.That(await page.TextContentAsync("body"), Does.Contain("No valid crumb"));
        var after = await page.GotoAsync(Url("me/security/"));
        Assert.That(after!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task ScriptedForm_PostedWithoutItsCrumb_IsRefusedAndNothingIsCreated()
    {
        // Arrange
        var page = await SignInAsync("alice", BrowserSession.AlicePassword, "/user/alice/security/");
        var before = await page.Locator("#tokens li").CountAsync();
        await page.EvalOnSelectorAsync("#new-token-form input[name=Jenkins-Crumb]", "field => field.remove()");

        // Act
        await page.FillAsync("#newTokenName", "without-crumb");
        await page.ClickAsync("#new-token-form button[type=submit]");

        // Assert
        await page.Locator("#new-token-form [data-role=message]").Filter(new() { HasText = "No valid crumb" }).WaitForAsync();
        Assert.That(await page.IsHiddenAsync("#new-token"), Is.True);
        await page.ReloadAsync();
        Assert.That(await page.Locator("#tokens li").CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task SignOut_EndsTheSession()
    {
        // Arrange
        var page = await SignInAsync("alice", BrowserSession.AlicePassword, "/me/security/");

        // Act
        await page.ClickAsync("header button:has-text('Sign out')");
        await page.WaitForURLAsync("**/login");

        // Assert
        var after = await page.GotoAsync(Url("me/security/"));
        Assert.That(after!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
        var (owner, _) = await BrowserSession.PasswordClientAsync("alice", BrowserSession.AlicePassword);
        using (owner)
        {
            var alice = JObject.Parse(await owner.GetStringAsync("user/alice/api/json"));
            var tokens = alice["property"]!.Single(p => p["_class"]?.ToString() == "jenkins.security.ApiTokenProperty")["tokens"]!;
            Assert.That((int)tokens.Single(t => t["name"]!.ToString() == "not-a-password")["useCount"]!, Is.Zero, "a refused sign-in is not a use");
        }
    }
}
