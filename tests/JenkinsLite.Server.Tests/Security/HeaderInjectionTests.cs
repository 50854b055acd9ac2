using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>
/// Issue 9, 1.4: input with control characters never reaches a response header. Each place where a request
/// value can reach one (X-Error messages, Location redirects) answers with a message instead of a 500.
/// </summary>
internal sealed class HeaderInjectionTests : ServerFixture
{
    private const string Injected = "%0d%0aX-Evil:%201";
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task CreateTokenAsync() => _admin = Server.Client("admin", (await GenerateTokenAsync("admin", AdminPassword, "header-injection")).Value);

    [OneTimeTearDown]
    public void DisposeClient() => _admin.Dispose();

    [TestCase("job/hello-world/build?delay=5" + Injected, "Invalid time duration value: 5")]
    [TestCase("job/greet/buildWithParameters?GREETING=Hi" + Injected, "Illegal choice for parameter GREETING")]
    [TestCase("job/greet/buildWithParameters?SHOUT=true" + Injected, "Invalid boolean value for parameter SHOUT")]
    [TestCase("createItem?mode=hudson.model.FreeStyleProject&name=evil" + Injected, "")]
    [TestCase("createItem?name=evil&mode=hudson.model.FreeStyleProject" + Injected, "No item type")]
    [TestCase("createView?mode=hudson.model.ListView&name=evil" + Injected, "")]
    [TestCase("createView?name=evil&mode=hudson.model.ListView" + Injected, "No view type")]
    [TestCase("job/hello-world/doRename?newName=evil" + Injected, "")]
    public async Task ControlCharacters_Answer400WithAMessage(string url, string message)
    {
        using var response = await _admin.PostAsync(url, new FormUrlEncodedContent([]));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Is.Not.Empty.And.Contains(message));
            Assert.That(response.Headers.Contains("X-Evil"), Is.False);
            Assert.That(response.Headers.GetValues("X-Error").Single(), Does.Not.Contain("\r").And.Not.Contain("\n"));
        });
    }

    [Test]
    public async Task SignIn_WithControlCharactersInFrom_GoesToTheDashboard()
    {
        using var response = await _admin.GetAsync("login?from=/job/" + Injected);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("/"));
        Assert.That(response.Headers.Contains("X-Evil"), Is.False);
    }
}
