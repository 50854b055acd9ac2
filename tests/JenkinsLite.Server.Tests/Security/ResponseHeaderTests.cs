using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>rest-api.md 1.4: the Jenkins headers are on every response, errors included.</summary>
internal sealed class ResponseHeaderTests : ServerFixture
{
    [TestCase("whoAmI/api/json", true, HttpStatusCode.OK)]
    [TestCase("api/json", false, HttpStatusCode.Forbidden)]
    [TestCase("no/such/page", true, HttpStatusCode.NotFound)]
    [TestCase("user/nobody/api/json", true, HttpStatusCode.NotFound)]
    public async Task EveryResponse_CarriesJenkinsHeaders(string url, bool asAdmin, HttpStatusCode expected)
    {
        using var client = asAdmin ? Admin() : Server.Client();

        using var response = await client.GetAsync(url);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(response.Headers.GetValues("X-Jenkins").Single(), Does.Match(@"^\d+\.\d+(\.\d+)?$"));
            Assert.That(response.Headers.GetValues("X-Hudson").Single(), Is.EqualTo("1.395"));
            Assert.That(response.Headers.GetValues("X-Jenkins-Session").Single(), Does.Match("^[0-9a-f]{8}$"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        });
    }

    [TestCase("whoAmI/api/json", "deny", null)]
    [TestCase("job/hello-world/api/xml", "deny", null)]
    [TestCase("no/such/page", "sameorigin", "same-origin")]
    [TestCase("manage/", "deny", "same-origin")]
    public async Task ApiAnswers_DenyFraming_AndOnlyDocumentsCarryAReferrerPolicy(string url, string frameOptions, string? referrerPolicy)
    {
        using var admin = Admin();

        using var response = await admin.GetAsync(url);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo(frameOptions));
            Assert.That(response.Headers.TryGetValues("Referrer-Policy", out var policy) ? policy.Single() : null, Is.EqualTo(referrerPolicy));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
    }

    [Test]
    public async Task HeadOnApi_AnswersLikeGet()
    {
        using var admin = Admin();

        using var response = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "user/admin/api/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RootXmlAndPythonApis_RenderTheSameModel()
    {
        using var admin = Admin();

        using var xml = await admin.GetAsync("whoAmI/api/xml");
        using var python = await admin.GetAsync("whoAmI/api/python");

        Assert.That(await xml.Content.ReadAsStringAsync(), Is.EqualTo(
            "<whoAmI _class=\"hudson.security.WhoAmI\"><anonymous>false</anonymous><authenticated>true</authenticated><authority>authenticated</authority><name>admin</name></whoAmI>"));
        Assert.That(await python.Content.ReadAsStringAsync(), Does.Contain("\"anonymous\":False"));
    }
}
