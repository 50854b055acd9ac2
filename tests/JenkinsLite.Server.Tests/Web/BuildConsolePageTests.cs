using System.Net;
using System.Text;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Web;

/// <summary>The build's Console Output page answers for jobs in folders as for top-level ones.</summary>
internal sealed class BuildConsolePageTests : ServerFixture
{
    private const string Folder = """
        <?xml version='1.1' encoding='UTF-8'?>
        <com.cloudbees.hudson.plugins.folder.Folder>
          <description>for the console page</description>
          <properties/>
        </com.cloudbees.hudson.plugins.folder.Folder>
        """;

    private const string Job = """
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <builders>
            <hudson.tasks.Shell>
              <command>echo nested-console-marker</command>
            </hudson.tasks.Shell>
          </builders>
        </project>
        """;

    [Test]
    public async Task ConsolePage_JobInAFolder_Answers200WithItsLogFollower()
    {
        // Arrange
        var (token, _) = await GenerateTokenAsync("admin", AdminPassword, "console-page");
        using var admin = Server.Client("admin", token);
        await CreateAsync(admin, "createItem?name=pages", Folder);
        await CreateAsync(admin, "job/pages/createItem?name=inner", Job);
        using var build = await admin.PostAsync("job/pages/job/inner/build?delay=0sec", null);
        Assert.That(build.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        for (var i = 0; i < 150; i++)
        {
            using var last = await admin.GetAsync("job/pages/job/inner/lastBuild/api/json");
            if (last.IsSuccessStatusCode && JObject.Parse(await last.Content.ReadAsStringAsync())["building"]!.Value<bool>() == false)
            {
                break;
            }

            await Task.Delay(100);
        }

        // Act
        using var page = await admin.GetAsync("job/pages/job/inner/1/console");
        using var missing = await admin.GetAsync("job/pages/job/inner/99/console");

        // Assert
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("Console Output").And.Contain("/job/pages/job/inner/1/logText/progressiveText"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task CreateAsync(HttpClient client, string url, string xml)
    {
        using var response = await client.PostAsync(url, new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
