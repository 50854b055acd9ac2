using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>One client address cannot hold more than its share of CLI sessions, and abandoned ones are reaped (SEC-46).</summary>
internal sealed class CliSessionLimitTests : CliFixture
{
    private const int Limit = 3;

    protected override Task<TestServer> StartAsync() => TestServer.StartSeededAsync(o => o with
    {
        Cli = new CliTimeouts { Pairing = ShortLimit, Start = ShortLimit, UploadIdle = ShortLimit, MaxSessionsPerAddress = Limit },
    });

    [Test]
    public async Task Download_BeyondTheLimit_Is429UntilAbandonedSessionsAreReaped()
    {
        // Arrange: half sessions that never send their upload side
        using var client = new HttpClient { BaseAddress = Server.BaseUri, Timeout = TimeSpan.FromSeconds(20) };
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < Limit; i++)
        {
            open.Add(await client.SendAsync(Download(), HttpCompletionOption.ResponseHeadersRead));
        }

        // Act
        using var refused = await client.SendAsync(Download(), HttpCompletionOption.ResponseHeadersRead);
        var watch = Stopwatch.StartNew();
        foreach (var response in open)
        {
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
            response.Dispose();
        }

        var reapedAfter = watch.Elapsed;
        var after = await CliAsync(Http, "admin", AdminPassword, "who-am-i");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(open.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(reapedAfter, Is.LessThan(ShortLimit + TimeSpan.FromSeconds(3)));
            Assert.That(after.Code, Is.Zero, after.ToString());
        });
    }

    private HttpRequestMessage Download()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "cli?remoting=false") { Content = new ByteArrayContent([]) };
        request.Headers.Add("Session", Guid.NewGuid().ToString());
        request.Headers.Add("Side", "download");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{AdminPassword}")));
        return request;
    }
}
