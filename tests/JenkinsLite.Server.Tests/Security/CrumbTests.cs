using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>Jenkins' crumb issuer: JSON and the xpath text forms scripts use, bound to the session.</summary>
internal sealed class CrumbTests : ServerFixture
{
    [TestCase("concat(//crumbRequestField,\":\",//crumb)", "^Jenkins-Crumb:[0-9a-f]{64}$")]
    [TestCase("concat(//crumbRequestField,'=',//crumb)", "^Jenkins-Crumb=[0-9a-f]{64}$")]
    [TestCase("/*/crumbRequestField/text()", "^Jenkins-Crumb$")]
    [TestCase("/*/crumb/text()", "^[0-9a-f]{64}$")]
    public async Task XmlApi_XPathForms_AnswerPlainText(string xpath, string pattern)
    {
        using var admin = Admin();

        using var response = await admin.GetAsync("crumbIssuer/api/xml?xpath=" + Uri.EscapeDataString(xpath));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Match(pattern));
    }

    [Test]
    public async Task XmlApi_OtherXPath_Is403()
    {
        using var admin = Admin();

        using var response = await admin.GetAsync("crumbIssuer/api/xml?xpath=" + Uri.EscapeDataString("//crumb"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Jsonp_Is403()
    {
        using var admin = Admin();

        using var response = await admin.GetAsync("crumbIssuer/api/json?jsonp=callback");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task TwoFetchesWithoutCookie_GiveDifferentCrumbs()
    {
        using var first = Admin();
        using var second = Admin();

        Assert.That(await CrumbAsync(first), Is.Not.EqualTo(await CrumbAsync(second)));
    }

    [Test]
    public async Task CrumbFromAnotherSession_Is403()
    {
        using var issued = Server.Client("admin", AdminPassword, cookies: true);
        using var other = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(issued);
        await CrumbAsync(other);

        using var response = await PostAsync(other, "reload", ("Jenkins-Crumb", crumb));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task CrumbWithItsSession_InHeaderOrForm_IsAccepted()
    {
        using var client = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(client);

        using var asForm = await PostAsync(client, "reload", ("Jenkins-Crumb", crumb));
        using var request = new HttpRequestMessage(HttpMethod.Post, "reload");
        request.Headers.Add("Jenkins-Crumb", crumb);
        using var asHeader = await client.SendAsync(request);

        Assert.That((int)asForm.StatusCode, Is.EqualTo(302));
        Assert.That((int)asHeader.StatusCode, Is.EqualTo(302));
    }

    [Test]
    public async Task CrumbIssuer_AnswersTokenCallers_AsClientsExpect()
    {
        var (token, _) = await GenerateTokenAsync("admin", AdminPassword);
        using var client = Server.Client("admin", token);

        var body = await JsonAsync(client, "crumbIssuer/api/json");

        Assert.That(body["_class"]!.ToString(), Is.EqualTo("hudson.security.csrf.DefaultCrumbIssuer"));
        Assert.That(body["crumbRequestField"]!.ToString(), Is.EqualTo("Jenkins-Crumb"));
    }

    [Test]
    public async Task Anonymous_WithoutRead_GetsNoCrumb()
    {
        using var anonymous = Server.Client();

        using var response = await anonymous.GetAsync("crumbIssuer/api/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
