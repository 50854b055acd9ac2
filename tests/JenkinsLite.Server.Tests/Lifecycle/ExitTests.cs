using System.Net;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Lifecycle;

/// <summary>Jenkins' /exit and /safeExit, each on a server of its own since both stop it.</summary>
internal sealed class ExitTests
{
    [Test]
    public async Task Exit_Admin_AnswersThenAsksTheHostToStop()
    {
        // Arrange
        await using var server = await TestServer.StartSeededAsync();
        using var admin = await TokenClientAsync(server);
        using var refused = await admin.GetAsync("exit");
        var stopping = server.Probe.ApplicationStopping;

        // Act
        using var response = await admin.PostAsync("exit", null);
        var stopped = await StoppedAsync(stopping);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Shutting down\n"));
            Assert.That(stopped, Is.True, "the server never asked to stop");
        });
    }

    [Test]
    public async Task SafeExit_RunningBuild_QuietsDownAndStopsOnlyAfterIt()
    {
        // Arrange
        await using var server = await BuildKit.StartWithJobsAsync(new Dictionary<string, string> { ["sleepy"] = BuildKit.Freestyle("sleep 2") });
        using var admin = await TokenClientAsync(server);
        var id = await BuildKit.TriggerAsync(admin, "job/sleepy/build?delay=0sec");
        await BuildKit.LeftItemAsync(admin, id);
        var stopping = server.Probe.ApplicationStopping;

        // Act
        using var response = await admin.PostAsync("safeExit", null);
        var stoppingAtOnce = stopping.IsCancellationRequested;
        var root = JObject.Parse(await admin.GetStringAsync("api/json"));
        var stopped = await StoppedAsync(stopping);

        // Assert
        var buildXml = await File.ReadAllTextAsync(Path.Combine(server.Home, "jobs", "sleepy", "builds", "1", "build.xml"));
        Assert.Multiple(async () =>
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Shutting down as soon as all jobs are complete"));
            Assert.That(stoppingAtOnce, Is.False, "the build was still running");
            Assert.That((bool)root["quietingDown"]!, Is.True);
            Assert.That(stopped, Is.True, "the server never asked to stop");
            Assert.That(buildXml, Does.Contain("<result>SUCCESS</result>"));
        });
    }

    private static async Task<HttpClient> TokenClientAsync(TestServer server)
    {
        var (token, _) = await server.GenerateTokenAsync("admin", server.AdminPassword!);
        return server.Client("admin", token);
    }

    private static Task<bool> StoppedAsync(CancellationToken stopping) =>
        Task.Delay(TimeSpan.FromSeconds(30), stopping).ContinueWith(t => t.IsCanceled, TaskScheduler.Default);
}
