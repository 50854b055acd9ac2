using System.Net;
using System.Text;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Jobs;

/// <summary>A server with an admin API token (token callers need no crumb), and helpers for job XML.</summary>
internal abstract class JobFixture : ServerFixture
{
    protected const string FreeStyle = """
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <description>made by a test</description>
          <keepDependencies>false</keepDependencies>
          <properties/>
          <some.plugin.Unknown attr="kept">  odd   spacing  </some.plugin.Unknown>
          <disabled>false</disabled>
          <builders>
            <hudson.tasks.Shell>
              <command>echo hi</command>
            </hudson.tasks.Shell>
          </builders>
        </project>
        """;

    protected const string Folder = """
        <?xml version='1.1' encoding='UTF-8'?>
        <com.cloudbees.hudson.plugins.folder.Folder plugin="cloudbees-folder@6.955">
          <description>a folder</description>
          <properties/>
        </com.cloudbees.hudson.plugins.folder.Folder>
        """;

    protected string Token { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateTokenAsync() => (Token, _) = await GenerateTokenAsync("admin", AdminPassword, "jobs");

    protected HttpClient AdminToken() => Server.Client("admin", Token);

    protected static async Task<HttpResponseMessage> PostXmlAsync(HttpClient client, string url, string xml, string contentType = "text/xml")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType + "; charset=utf-8");
        return await client.PostAsync(url, content);
    }

    protected static async Task<HttpResponseMessage> PostEmptyAsync(HttpClient client, string url) =>
        await client.PostAsync(url, new ByteArrayContent([]));

    protected async Task CreateAsync(string url, string xml)
    {
        using var client = AdminToken();
        using var response = await PostXmlAsync(client, url, xml);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    protected async Task<HttpStatusCode> StatusAsync(string url, HttpMethod? method = null)
    {
        using var client = AdminToken();
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    protected async Task<JObject> GetJsonAsync(string url)
    {
        using var client = AdminToken();
        return await JsonAsync(client, url);
    }

    protected async Task<string> GetTextAsync(string url)
    {
        using var client = AdminToken();
        using var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    protected string Url(string relative) => new Uri(Server.BaseUri, relative).AbsoluteUri;
}
