using System.Diagnostics;
using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Clients;

/// <summary>
/// The clients Jenkins users really run, against a live server: Debian's python3-jenkins and
/// jenkins-job-builder, the npm `jenkins` package (pinned in tests/clients), and curl. The flows are
/// scripts in tests/clients; each prints "ok: step" lines and "ALL OK" at the end.
/// </summary>
internal sealed class RealClientTests : ServerFixture
{
    private static readonly string ClientsFolder = Path.Combine(RepositoryRoot(), "tests", "clients");

    [Test]
    public async Task PythonJenkins_FullFlow_WithATokenMadeTheWayItsUsersDo()
    {
        var run = await RunAsync("/usr/bin/python3", ["python_jenkins_flow.py", Url, "admin", AdminPassword]);

        var token = run.Output.Split('\n').First(l => l.StartsWith("TOKEN=", StringComparison.Ordinal))["TOKEN=".Length..].Trim();
        Server.RememberSecret(token);
        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Errors);
        Assert.That(run.Output, Does.Contain("ALL OK"));
    }

    [Test]
    public async Task JenkinsJobBuilder_UpdateChangeAndDelete()
    {
        // Arrange
        var (token, _) = await GenerateTokenAsync("admin", AdminPassword, "jjb");
        var work = Directory.CreateTempSubdirectory("jenkinslite-jjb-").FullName;
        var ini = Path.Combine(work, "jenkins_jobs.ini");
        await File.WriteAllTextAsync(ini, $"""
            [job_builder]
            ignore_cache=True

            [jenkins]
            url={Url}
            user=admin
            password={token}
            query_plugins_info=False
            """);
        var env = new Dictionary<string, string> { ["HOME"] = work };
        using var admin = Server.Client("admin", token);

        try
        {
            // Act / Assert: create two jobs and a list view of them, change one job and the view, delete all three
            var update = await RunAsync("jenkins-jobs", ["--conf", ini, "update", "jjb/jobs.yaml"], env);
            Assert.That(update.ExitCode, Is.Zero, update.Output + update.Errors);
            Assert.That(await admin.GetStringAsync("job/jjb-plain/config.xml"), Does.Contain("echo jjb-plain-says-hello"));
            Assert.That(await admin.GetStringAsync("job/jjb-params/config.xml"), Does.Contain("<name>TARGET</name>"));
            var view = JObject.Parse(await admin.GetStringAsync("view/jjb-view/api/json"));
            Assert.That(view["jobs"]!.Select(j => j["name"]!.ToString()), Is.EqualTo((string[])["jjb-params", "jjb-plain"]));

            var change = await RunAsync("jenkins-jobs", ["--conf", ini, "update", "jjb/jobs-changed.yaml"], env);
            Assert.That(change.ExitCode, Is.Zero, change.Output + change.Errors);
            Assert.That(await admin.GetStringAsync("job/jjb-plain/config.xml"), Does.Contain("echo jjb-plain-was-changed"));
            var changedView = JObject.Parse(await admin.GetStringAsync("view/jjb-view/api/json"));
            Assert.That(changedView["description"]!.ToString(), Does.StartWith("A list view changed by jenkins-job-builder"));
            Assert.That(changedView["jobs"]!.Select(j => j["name"]!.ToString()), Is.EqualTo((string[])["jjb-plain"]));

            var delete = await RunAsync("jenkins-jobs", ["--conf", ini, "delete", "jjb-plain", "jjb-params", "jjb-view"], env);
            Assert.That(delete.ExitCode, Is.Zero, delete.Output + delete.Errors);
            using var gone = await admin.GetAsync("job/jjb-plain/api/json");
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            using var viewGone = await admin.GetAsync("view/jjb-view/api/json");
            Assert.That(viewGone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test]
    public async Task NodeJenkins_JobQueueBuildAndLogStream()
    {
        var (token, _) = await GenerateTokenAsync("admin", AdminPassword, "node");

        var run = await RunAsync("node", ["node_jenkins_flow.js", Url, "admin", token]);

        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Errors);
        Assert.That(run.Output, Does.Contain("ALL OK"));
    }

    [Test]
    public async Task Curl_DocumentedOneLiners()
    {
        var (token, _) = await GenerateTokenAsync("admin", AdminPassword, "curl");
        var work = Directory.CreateTempSubdirectory("jenkinslite-curl-").FullName;
        Server.RememberLogOnlySecret("remote-trigger-secret"); // curl_flow.sh's trigger token

        var run = await RunAsync("bash", ["curl_flow.sh"], new Dictionary<string, string>
        {
            ["JENKINS_URL"] = Url,
            ["JUSER"] = "admin",
            ["TOKEN"] = token,
            ["WORK"] = work,
        });
        Directory.Delete(work, recursive: true);

        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Errors);
        Assert.That(run.Output, Does.Contain("ALL OK"));
    }

    private string Url => Server.BaseUri.ToString().TrimEnd('/');

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string program, string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = ClientsFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JenkinsLite.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("JenkinsLite.sln was not found above the test folder.");
    }
}
