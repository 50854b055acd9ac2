using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>
/// A live server whose CLI limits are short (2 s instead of 15 s and 60 s) so the timeout tests stay quick,
/// and helpers that run our client against it over either transport.
/// </summary>
internal abstract class CliFixture : ServerFixture
{
    public const string Http = "-http";
    public const string WebSocket = "-webSocket";

    protected static readonly TimeSpan ShortLimit = TimeSpan.FromSeconds(2);

    protected override Task<TestServer> StartAsync() => TestServer.StartSeededAsync(o => o with
    {
        Cli = new CliTimeouts { Start = ShortLimit, Pairing = ShortLimit, UploadIdle = ShortLimit },
    });

    protected string Url => Server.BaseUri.ToString();

    /// <summary>Runs a command as <paramref name="user"/> (with that secret), or anonymously when user is null.</summary>
    protected Task<CliRun> CliAsync(string mode, string? user, string? secret, params string[] command) =>
        CliWithStdinAsync(mode, user, secret, null, command);

    protected Task<CliRun> CliWithStdinAsync(string mode, string? user, string? secret, byte[]? stdin, params string[] command)
    {
        var args = new List<string> { "-s", Url, mode };
        var environment = new Dictionary<string, string>();
        if (user is not null)
        {
            // Through the environment, as scripts should: -auth on a command line draws a warning.
            environment["JENKINS_USER_ID"] = user;
            environment["JENKINS_API_TOKEN"] = secret!;
        }

        args.AddRange(command);
        return CliRun.RunAsync(args, stdin, environment);
    }

    /// <summary>Creates a freestyle job with one shell step through create-job.</summary>
    protected async Task CreateShellJobAsync(string mode, string name, string command)
    {
        var xml = System.Text.Encoding.UTF8.GetBytes($"<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <disabled>false</disabled>\n  <builders>\n    <hudson.tasks.Shell>\n      <command>{command}</command>\n    </hudson.tasks.Shell>\n  </builders>\n</project>\n");
        var created = await CliWithStdinAsync(mode, "admin", AdminPassword, xml, "create-job", name);
        Assert.That(created.Code, Is.Zero, created.ToString());
    }
}
