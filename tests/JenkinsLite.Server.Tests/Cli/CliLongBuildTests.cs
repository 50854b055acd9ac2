using System.Diagnostics;
using System.Text;
using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>
/// <c>build -s -v</c> of a job that runs longer than 20 s over <c>-http</c>: the upload side's idle limit is
/// 5 s here, so only the client's ENCODING pings every 3 s keep the session alive, and nothing limits its lifetime.
/// </summary>
internal sealed class CliLongBuildTests : CliFixture
{
    protected override Task<TestServer> StartAsync() => TestServer.StartSeededAsync(o => o with
    {
        Cli = new CliTimeouts { UploadIdle = TimeSpan.FromSeconds(5) },
    });

    [Test]
    public async Task BuildSyncVerbose_JobLongerThan20Seconds_OverHttp_CompletesWithTheWholeLog()
    {
        // Arrange
        var xml = Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <builders>\n    <hudson.tasks.Shell>\n      <command>echo begin; sleep 21; echo end</command>\n    </hudson.tasks.Shell>\n  </builders>\n</project>\n");
        var created = await CliWithStdinAsync(Http, "admin", AdminPassword, xml, "create-job", "slow");
        Assert.That(created.Code, Is.Zero, created.ToString());
        var watch = Stopwatch.StartNew();

        // Act
        var run = await CliAsync(Http, "admin", AdminPassword, "build", "-s", "-v", "slow");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.Zero, run.ToString());
            Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(20)));
            Assert.That(run.Out, Does.StartWith("Started slow #1\n"));
            Assert.That(run.Out, Does.Contain("begin\n").And.Contain("end\n"));
            Assert.That(run.Out, Does.EndWith("Completed slow #1 : SUCCESS\n"));
        });
    }
}
