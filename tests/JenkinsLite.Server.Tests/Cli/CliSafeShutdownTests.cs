using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>safe-shutdown on a server of its own: it quiets down, lets the running build finish, then stops.</summary>
internal sealed class CliSafeShutdownTests : CliFixture
{
    protected override Task<TestServer> StartAsync() => TestServer.StartSeededAsync();

    [Test]
    public async Task SafeShutdown_RunningBuild_FinishesItThenAsksTheHostToStop()
    {
        // Arrange
        await CreateShellJobAsync(WebSocket, "last-one", "sleep 2; echo done");
        var started = await CliAsync(WebSocket, "admin", AdminPassword, "build", "last-one", "-w");
        Assert.That(started.Code, Is.Zero, started.ToString());
        var stopping = Server.Probe.ApplicationStopping;

        // Act
        var run = await CliAsync(WebSocket, "admin", AdminPassword, "safe-shutdown");
        var stoppingAtOnce = stopping.IsCancellationRequested;
        using var client = Admin();
        var root = await JsonAsync(client, "api/json");
        var stopped = await Task.Delay(TimeSpan.FromSeconds(30), stopping).ContinueWith(t => t.IsCanceled, TaskScheduler.Default);

        // Assert
        var buildXml = await File.ReadAllTextAsync(Path.Combine(Server.Home, "jobs", "last-one", "builds", "1", "build.xml"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.Zero, run.ToString());
            Assert.That(stoppingAtOnce, Is.False, "the build was still running");
            Assert.That((bool)root["quietingDown"]!, Is.True);
            Assert.That(stopped, Is.True, "the server never asked to stop");
            Assert.That(buildXml, Does.Contain("<result>SUCCESS</result>"));
        });
    }
}
