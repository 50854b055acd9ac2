using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Builds;

/// <summary>Builds end to end over HTTP: trigger, queue item, build JSON, console, stop, artifacts, workspace.</summary>
internal sealed class BuildEndpointTests : ServerFixture
{
    private const string Pipeline = """
        <?xml version='1.1' encoding='UTF-8'?>
        <flow-definition plugin="workflow-job">
          <description/>
          <keepDependencies>false</keepDependencies>
          <properties/>
          <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition" plugin="workflow-cps">
            <script>echo 'hi'</script>
            <sandbox>true</sandbox>
          </definition>
          <disabled>false</disabled>
        </flow-definition>
        """;

    private HttpClient _admin = null!;
    private string? _artifactsBuild;

    [OneTimeSetUp]
    public async Task TokenClientAsync()
    {
        var (token, _) = await GenerateTokenAsync("admin", AdminPassword);
        _admin = Server.Client("admin", token);
    }

    [OneTimeTearDown]
    public void DisposeClient() => _admin.Dispose();

    protected override Task<TestServer> StartAsync() => BuildKit.StartWithJobsAsync(new Dictionary<string, string>
    {
        ["fails"] = BuildKit.Freestyle("echo before the failure\nexit 3"),
        // "sleeping" is printed once the background sleep is forked, in one write: trace lines of two processes at once
        // interleave in pieces ("+ sleep+ sleep 61\n 60"), so the console's traces cannot tell when both run.
        ["sleeper"] = BuildKit.Freestyle("sleep 61 &\nprintf 'sl%sing\\n' eep\nsleep 60"),
        ["doomed"] = BuildKit.Freestyle("sleep 60"),
        ["slow-echo"] = BuildKit.Freestyle("echo one\nsleep 2\necho two"),
        ["chatty"] = BuildKit.Freestyle("i=0\nwhile [ $i -lt 20000 ]; do echo \"line $i of a log that grows while it is read\"; i=$((i+1)); done"),
        ["env"] = BuildKit.Freestyle("echo \"tag=$BUILD_TAG job=$JOB_NAME base=$JOB_BASE_NAME node=$NODE_NAME url=$BUILD_URL\"\npwd"),
        ["artifacts"] = BuildKit.Freestyle(
            "mkdir -p out/sub\necho alpha > out/a.txt\necho beta > out/sub/b.txt\nhead -c 3000000 /dev/urandom > out/big.bin",
            BuildKit.Archiver("out/**/*.txt")),
        ["no-artifacts"] = BuildKit.Freestyle("true", BuildKit.Archiver("missing/*.jar")),
        ["off"] = BuildKit.Freestyle("true", extra: "\n  <disabled>true</disabled>").Replace("<disabled>false</disabled>", string.Empty, StringComparison.Ordinal),
        ["remote"] = BuildKit.Freestyle("echo remote", extra: "\n  <authToken>let-me-in</authToken>"),
        ["secret"] = BuildKit.Freestyle("echo \"pw=$PW\"", properties: """
            <hudson.model.ParametersDefinitionProperty><parameterDefinitions>
              <hudson.model.PasswordParameterDefinition><name>PW</name><defaultValue></defaultValue></hudson.model.PasswordParameterDefinition>
            </parameterDefinitions></hudson.model.ParametersDefinitionProperty>
            """),
        ["pipe"] = Pipeline,
        ["folder"] = BuildKit.Folder,
        ["folder/inner"] = BuildKit.Freestyle("echo nested $JOB_NAME"),
    });

    [Test]
    public async Task Build_HelloWorld_SucceedsWithQueueItemBuildJsonAndConsole()
    {
        // Act
        var id = await BuildKit.TriggerAsync(_admin, "job/hello-world/build");
        var left = await BuildKit.LeftItemAsync(_admin, id);
        var path = BuildKit.ExecutablePathOf(left);
        var build = await BuildKit.FinishedBuildAsync(_admin, path);
        var console = await BuildKit.ConsoleAsync(_admin, path);

        // Assert
        var number = (int)left["executable"]!["number"]!;
        Assert.Multiple(() =>
        {
            Assert.That(left["cancelled"]!.Value<bool>(), Is.False);
            Assert.That(left["executable"]!["_class"]!.ToString(), Is.EqualTo("hudson.model.FreeStyleBuild"));
            Assert.That(left["url"]!.ToString(), Is.EqualTo($"queue/item/{id}/"));
            Assert.That(build["_class"]!.ToString(), Is.EqualTo("hudson.model.FreeStyleBuild"));
            Assert.That(build["result"]!.ToString(), Is.EqualTo("SUCCESS"));
            Assert.That((int)build["number"]!, Is.EqualTo(number));
            Assert.That(build["id"]!.ToString(), Is.EqualTo(number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That((long)build["queueId"]!, Is.EqualTo(id));
            Assert.That(build["url"]!.ToString(), Is.EqualTo($"{Server.BaseUri}job/hello-world/{number}/"));
            Assert.That(build["executor"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That((long)build["timestamp"]!, Is.GreaterThan(0));
            var cause = build["actions"]!.First(a => a["_class"]!.ToString() == "hudson.model.CauseAction")["causes"]![0]!;
            Assert.That(cause["_class"]!.ToString(), Is.EqualTo("hudson.model.Cause$UserIdCause"));
            Assert.That(cause["shortDescription"]!.ToString(), Does.StartWith("Started by user "));
            Assert.That(cause["userId"]!.ToString(), Is.EqualTo("admin"));
            Assert.That(console, Does.StartWith("Started by user "));
            Assert.That(console, Does.Contain($"Hello from JenkinsLite, build {number}\n"));
            Assert.That(console, Does.EndWith("Finished: SUCCESS\n"));
        });
    }

    [Test]
    public async Task BuildWithParameters_QueryValues_ReachConsoleAndParametersAction()
    {
        // Act: BOGUS is not a parameter of greet and is ignored
        var (path, build) = await BuildKit.BuildAsync(_admin, "job/greet/buildWithParameters?NAME=Ada&SHOUT=true&BOGUS=1");
        var console = await BuildKit.ConsoleAsync(_admin, path);

        // Assert
        var parameters = build["actions"]!.First(a => a["_class"]!.ToString() == "hudson.model.ParametersAction")["parameters"]!;
        Assert.Multiple(() =>
        {
            Assert.That(build["result"]!.ToString(), Is.EqualTo("SUCCESS"));
            Assert.That(console, Does.Contain("HELLO, ADA!"));
            Assert.That(parameters.Select(p => p["name"]!.ToString()), Is.EqualTo(new List<string> { "NAME", "GREETING", "SHOUT" }));
            Assert.That(parameters[0]!["value"]!.ToString(), Is.EqualTo("Ada"));
            Assert.That(parameters[1]!["value"]!.ToString(), Is.EqualTo("Hello"));
            Assert.That(parameters[2]!["value"]!.Type, Is.EqualTo(JTokenType.Boolean));
            Assert.That(parameters[2]!["_class"]!.ToString(), Is.EqualTo("hudson.model.BooleanParameterValue"));
        });
    }

    [Test]
    public async Task BuildWithParameters_FormBody_IsUsed()
    {
        // Act: node's client sends the values as a form
        var (path, _) = await BuildKit.BuildAsync(_admin, "job/greet/buildWithParameters", ("NAME", "Grace"), ("GREETING", "Hi"));

        // Assert
        Assert.That(await BuildKit.ConsoleAsync(_admin, path), Does.Contain("Hi, Grace!"));
    }

    [Test]
    public async Task Build_ParameterizedWithJsonForm_UsesItsValues()
    {
        // Act
        var (path, _) = await BuildKit.BuildAsync(_admin, "job/greet/build",
            ("json", """{"parameter":[{"name":"NAME","value":"Linus"},{"name":"UNKNOWN","value":"x"}]}"""));

        // Assert
        Assert.That(await BuildKit.ConsoleAsync(_admin, path), Does.Contain("Hello, Linus!"));
    }

    [Test]
    public async Task Build_ParameterizedWithoutJson_Is400NothingSubmitted()
    {
        // Act
        using var response = await _admin.PostAsync("job/greet/build", null);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Nothing is submitted"));
    }

    [TestCase("job/greet/buildWithParameters?GREETING=Howdy", HttpStatusCode.BadRequest)]
    [TestCase("job/greet/buildWithParameters?SHOUT=maybe", HttpStatusCode.BadRequest)]
    [TestCase("job/hello-world/buildWithParameters", HttpStatusCode.BadRequest)]
    [TestCase("job/hello-world/build?delay=soon", HttpStatusCode.BadRequest)]
    [TestCase("job/no-such-job/build", HttpStatusCode.NotFound)]
    [TestCase("job/folder/job/missing/build", HttpStatusCode.NotFound)]
    [TestCase("job/off/build", HttpStatusCode.Conflict)]
    [TestCase("job/off/buildWithParameters", HttpStatusCode.Conflict)]
    [TestCase("job/remote/build?token=wrong", HttpStatusCode.Forbidden)]
    public async Task Trigger_BadRequest_IsRefused(string path, HttpStatusCode expected)
    {
        // Act
        using var response = await _admin.PostAsync(path, null);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location, Is.Null);
    }

    [Test]
    public async Task Build_GetWithoutToken_Is405AndBuildsNothing()
    {
        // Arrange
        var before = (await JsonAsync(_admin, "queue/api/json"))["items"]!.Count();

        // Act
        using var response = await _admin.GetAsync("job/hello-world/build");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That((await JsonAsync(_admin, "queue/api/json"))["items"]!.Count(), Is.EqualTo(before));
    }

    [Test]
    public async Task Build_GetWithTriggerToken_StartsWithRemoteCause()
    {
        // Act: remote triggers use GET with the job's token
        using var response = await _admin.GetAsync("job/remote/build?token=let-me-in&cause=nightly");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var left = await BuildKit.LeftItemAsync(_admin, long.Parse(response.Headers.Location!.ToString().TrimEnd('/').Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        var path = BuildKit.ExecutablePathOf(left);
        var build = await BuildKit.FinishedBuildAsync(_admin, path);

        // Assert
        var cause = build["actions"]!.First(a => a["_class"]!.ToString() == "hudson.model.CauseAction")["causes"]![0]!;
        Assert.That(cause["_class"]!.ToString(), Is.EqualTo("hudson.model.Cause$RemoteCause"));
        Assert.That(cause["shortDescription"]!.ToString(), Is.EqualTo("Started by remote host 127.0.0.1 with note: nightly"));
        Assert.That(await BuildKit.ConsoleAsync(_admin, path), Does.StartWith("Started by remote host 127.0.0.1"));
    }

    [Test]
    public async Task Build_Anonymous_Is403()
    {
        // Act
        using var anonymous = Server.Client();
        using var response = await anonymous.PostAsync("job/hello-world/build", null);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Build_FailingStep_IsFailure()
    {
        // Act
        var (path, build) = await BuildKit.BuildAsync(_admin, "job/fails/build");
        var console = await BuildKit.ConsoleAsync(_admin, path);

        // Assert
        Assert.That(build["result"]!.ToString(), Is.EqualTo("FAILURE"));
        Assert.That(console, Does.Contain("+ echo before the failure\nbefore the failure\n+ exit 3\n"));
        Assert.That(console, Does.EndWith("Build step 'Execute shell' marked build as failure\nFinished: FAILURE\n"));
    }

    [Test]
    public async Task Build_Environment_IsJenkins()
    {
        // Act
        var (path, build) = await BuildKit.BuildAsync(_admin, "job/env/build");
        var console = await BuildKit.ConsoleAsync(_admin, path);

        // Assert
        var number = (int)build["number"]!;
        Assert.That(console, Does.Contain($"tag=jenkins-env-{number} job=env base=env node=built-in url={Server.BaseUri}job/env/{number}/\n"));
        Assert.That(console, Does.Contain(Path.Combine(Server.Home, "workspace", "env") + "\n"));
    }

    [Test]
    public async Task Build_NestedJob_RunsWithFullName()
    {
        // Act
        var (path, build) = await BuildKit.BuildAsync(_admin, "job/folder/job/inner/build");

        // Assert
        Assert.That(build["url"]!.ToString(), Does.EndWith("/job/folder/job/inner/" + build["number"] + "/"));
        Assert.That(await BuildKit.ConsoleAsync(_admin, path), Does.Contain("nested folder/inner\n"));
    }

    [Test]
    public async Task Build_Pipeline_IsNotBuiltAndSaysWhy()
    {
        // Act
        var (path, build) = await BuildKit.BuildAsync(_admin, "job/pipe/build");

        // Assert
        Assert.That(build["result"]!.ToString(), Is.EqualTo("NOT_BUILT"));
        Assert.That(await BuildKit.ConsoleAsync(_admin, path), Does.Contain("JenkinsLite does not run org.jenkinsci.plugins.workflow.job.WorkflowJob items"));
    }

    [Test]
    public async Task Build_PasswordParameter_IsMaskedInConsoleAndJson()
    {
        // Arrange
        const string password = "pa55-w0rd-xyz";
        Server.RememberSecret(password);

        // Act
        var (path, build) = await BuildKit.BuildAsync(_admin, "job/secret/buildWithParameters", ("PW", password));
        var console = await BuildKit.ConsoleAsync(_admin, path);

        // Assert: the process saw it (the echo ran), nobody else does; the leak check after the test covers home and log
        Assert.That(console, Does.Contain("pw=****"));
        Assert.That(console, Does.Not.Contain(password));
        Assert.That(build.ToString(), Does.Not.Contain(password));
    }

    [Test]
    public async Task Stop_SleepingBuild_AbortsWithinSecondsAndLeavesNoProcess()
    {
        // Arrange
        var path = await BuildKit.StartedBuildAsync(_admin, "job/sleeper/build");
        await WaitUntilAsync(async () => (await BuildKit.ConsoleAsync(_admin, path)).Contains("sleeping\n", StringComparison.Ordinal), () => BuildKit.ConsoleAsync(_admin, path));

        // Act
        var clock = Stopwatch.StartNew();
        using var stop = await _admin.PostAsync(path + "stop", null);
        var build = await BuildKit.FinishedBuildAsync(_admin, path, TimeSpan.FromSeconds(10));
        clock.Stop();

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That((int)stop.StatusCode, Is.EqualTo(302));
            Assert.That(stop.Headers.Location!.ToString(), Is.EqualTo(Server.BaseUri + path));
            Assert.That(build["result"]!.ToString(), Is.EqualTo("ABORTED"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(await BuildKit.ConsoleAsync(_admin, path), Does.EndWith("Finished: ABORTED\n"));
            Assert.That(BuildKit.ProcessesOfHome(Server.Home), Is.Empty, "the build's processes (sleep 60 and its background sleep 61) are gone");
        });
    }

    [Test]
    public async Task DoDelete_JobWithARunningBuild_StopsTheBuildFirstAndNothingOfTheJobComesBack()
    {
        // Arrange
        var path = await BuildKit.StartedBuildAsync(_admin, "job/doomed/build");
        await WaitUntilAsync(async () => (await BuildKit.ConsoleAsync(_admin, path)).Contains("+ sleep 60", StringComparison.Ordinal));

        // Act
        using var delete = await _admin.PostAsync("job/doomed/doDelete", null);
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a stray write of the stopped build to land

        // Assert: the stopped build wrote its end before the folder went, not into a new one after
        using var job = await _admin.GetAsync("job/doomed/api/json");
        Assert.Multiple(() =>
        {
            Assert.That((int)delete.StatusCode, Is.EqualTo(302));
            Assert.That(job.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Directory.Exists(Path.Combine(Server.Home, "jobs", "doomed")), Is.False, "jobs/doomed was created again");
            Assert.That(BuildKit.ProcessesOfHome(Server.Home), Is.Empty, "the build's sleep 60 is gone");
        });
    }

    [Test]
    public async Task Stop_Get_Is405()
    {
        // Act
        using var response = await _admin.GetAsync("job/hello-world/lastBuild/stop");

        // Assert
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound));
    }

    [Test]
    public async Task ProgressiveText_RunningBuild_PagesWithTextSizeAndMoreData()
    {
        // Arrange
        var path = await BuildKit.StartedBuildAsync(_admin, "job/slow-echo/build");

        // Act: poll as node's client does, POSTing start= until X-More-Data is gone
        var text = new System.Text.StringBuilder();
        var start = 0L;
        var sawMoreData = false;
        for (var polls = 0; polls < 200; polls++)
        {
            using var response = await PostAsync(_admin, path + "logText/progressiveText", ("start", start.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
            text.Append(await response.Content.ReadAsStringAsync());
            start = long.Parse(response.Headers.GetValues("X-Text-Size").Single(), System.Globalization.CultureInfo.InvariantCulture);
            if (!response.Headers.Contains("X-More-Data"))
            {
                break;
            }

            sawMoreData = true;
            await Task.Delay(100);
        }

        // Assert
        var console = await BuildKit.ConsoleAsync(_admin, path);
        Assert.Multiple(() =>
        {
            Assert.That(sawMoreData, Is.True);
            Assert.That(text.ToString(), Is.EqualTo(console));
            Assert.That(start, Is.EqualTo(System.Text.Encoding.UTF8.GetByteCount(console)));
            Assert.That(console, Does.Contain("one\n").And.Contain("two\n").And.EndWith("Finished: SUCCESS\n"));
        });
    }

    [Test]
    public async Task ProgressiveText_GetWithStart_ReturnsTheRest()
    {
        // Arrange
        var (path, _) = await BuildKit.BuildAsync(_admin, "job/hello-world/build");
        var console = await BuildKit.ConsoleAsync(_admin, path);

        // Act
        using var response = await _admin.GetAsync(path + "logText/progressiveText?start=10");

        // Assert
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(console[10..]));
        Assert.That(response.Headers.Contains("X-More-Data"), Is.False);
    }

    [Test]
    public async Task Build_TwoJobsAtOnce_EachHasItsOwnConsoleAndResult()
    {
        // Act
        var results = await Task.WhenAll(
            BuildKit.BuildAsync(_admin, "job/fails/build"),
            BuildKit.BuildAsync(_admin, "job/greet/buildWithParameters?NAME=Both"));
        var consoles = await Task.WhenAll(results.Select(r => BuildKit.ConsoleAsync(_admin, r.Path)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(results[0].Build["result"]!.ToString(), Is.EqualTo("FAILURE"));
            Assert.That(results[1].Build["result"]!.ToString(), Is.EqualTo("SUCCESS"));
            Assert.That(consoles[0], Does.Contain("before the failure").And.Not.Contain("Both"));
            Assert.That(consoles[1], Does.Contain("Hello, Both!").And.Not.Contain("failure"));
        });
    }

    [Test]
    public async Task Artifacts_Archived_DownloadAndZip()
    {
        // Act
        var (path, build) = await BuildKit.BuildAsync(_admin, "job/artifacts/build");
        using var file = await _admin.GetAsync(path + "artifact/out/a.txt");
        using var zip = await _admin.GetAsync(path + "artifact/*zip*/archive.zip");
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(build["result"]!.ToString(), Is.EqualTo("SUCCESS"));
            Assert.That(build["artifacts"]!.Select(a => a["relativePath"]!.ToString()),
                Is.EquivalentTo(new List<string> { "out/a.txt", "out/sub/b.txt" }));
            Assert.That(build["artifacts"]!.First(a => a["fileName"]!.ToString() == "b.txt")["displayPath"]!.ToString(), Is.EqualTo("b.txt"));
            Assert.That(await file.Content.ReadAsStringAsync(), Is.EqualTo("alpha\n"));
            Assert.That(file.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("sandbox;"));
            Assert.That(zip.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/zip"));
            Assert.That(archive.Entries.Select(e => e.FullName), Is.EquivalentTo(new List<string> { "archive/out/a.txt", "archive/out/sub/b.txt" }));
        });
    }

    [Test]
    public async Task Artifacts_NoneMatching_FailTheBuild()
    {
        // Act
        var (path, build) = await BuildKit.BuildAsync(_admin, "job/no-artifacts/build");

        // Assert
        Assert.That(build["result"]!.ToString(), Is.EqualTo("FAILURE"));
        Assert.That(await BuildKit.ConsoleAsync(_admin, path), Does.Contain("No artifacts found that match the file pattern \"missing/*.jar\""));
    }

    [TestCase("artifact/..%2F..%2F..%2Fconfig.xml")]
    [TestCase("artifact/..%2f..%2fbuild.xml")]
    [TestCase("artifact/../build.xml")]
    [TestCase("artifact/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/config.xml")]
    [TestCase("artifact/out/../../log")]
    public async Task Artifact_PathTraversal_NeverLeavesTheArchive(string relative)
    {
        // Arrange
        _artifactsBuild ??= (await BuildKit.BuildAsync(_admin, "job/artifacts/build")).Path;
        var url = new Uri(Server.BaseUri + _artifactsBuild + relative, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

        // Act
        using var response = await _admin.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        // Assert: Kestrel may resolve the dots before routing; whatever answers, it is no file outside the archive
        Assert.That(body, Does.Not.Contain("<hudson>").And.Not.Contain("<build>").And.Not.Contain("Started by"));
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest), body);
    }

    [Test]
    public async Task Workspace_ZipAndFile_AreServed()
    {
        // Arrange
        await BuildKit.BuildAsync(_admin, "job/artifacts/build");

        // Act
        using var file = await _admin.GetAsync("job/artifacts/ws/out/sub/b.txt");
        using var zip = await _admin.GetAsync("job/artifacts/ws/*zip*/artifacts.zip");
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        using var missing = await _admin.GetAsync("job/artifacts/ws/nope.txt");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(await file.Content.ReadAsStringAsync(), Is.EqualTo("beta\n"));
            Assert.That(archive.GetEntry("artifacts/out/big.bin")!.Length, Is.EqualTo(3_000_000));
            Assert.That(archive.Entries.Select(e => e.FullName), Does.Contain("artifacts/out/a.txt"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task ConsoleText_WhileTheLogGrows_AlwaysAnswersWholeLinesItHad()
    {
        // Arrange: a build writing as fast as its shell can, read over and over while it writes
        var path = await BuildKit.StartedBuildAsync(_admin, "job/chatty/build");
        var reads = new List<(HttpStatusCode Status, long? Length, int Bytes, bool Building)>();

        // Act
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var building = (bool)(await JsonAsync(_admin, path + "api/json"))["building"]!;
            using var response = await _admin.GetAsync(path + "consoleText");
            var body = await response.Content.ReadAsByteArrayAsync();
            reads.Add((response.StatusCode, response.Content.Headers.ContentLength, body.Length, building));
            if (!building)
            {
                break;
            }
        }

        // Assert: every read was whole; some were made while the build wrote
        Assert.Multiple(() =>
        {
            Assert.That(reads.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(reads.Where(r => r.Length is not null).Select(r => r.Length == r.Bytes), Is.All.True);
            Assert.That(reads.Count(r => r.Building), Is.GreaterThan(0), "no read happened while the build ran");
            Assert.That(reads[^1].Building, Is.False, "the build never finished");
        });
    }

    [TestCase("job/hello-world/999/api/json")]
    [TestCase("job/no-such-job/1/api/json")]
    [TestCase("job/off/lastBuild/api/json")]
    [TestCase("job/hello-world/999/consoleText")]
    public async Task Build_Unknown_Is404(string path)
    {
        // Act
        using var response = await _admin.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Permalinks_AfterBuilds_PointAtTheRightBuilds()
    {
        // Arrange
        var (_, failed) = await BuildKit.BuildAsync(_admin, "job/fails/build");

        // Act
        var last = await JsonAsync(_admin, "job/fails/lastBuild/api/json");
        var lastFailed = await JsonAsync(_admin, "job/fails/lastFailedBuild/api/json");
        var lastCompleted = await JsonAsync(_admin, "job/fails/lastCompletedBuild/api/json");
        using var lastSuccessful = await _admin.GetAsync("job/fails/lastSuccessfulBuild/api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)last["number"]!, Is.EqualTo((int)failed["number"]!));
            Assert.That((int)lastFailed["number"]!, Is.EqualTo((int)failed["number"]!));
            Assert.That((int)lastCompleted["number"]!, Is.EqualTo((int)failed["number"]!));
            Assert.That(lastSuccessful.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task DoDelete_FinishedBuild_RedirectsToJobAndIsGone()
    {
        // Arrange
        var (path, _) = await BuildKit.BuildAsync(_admin, "job/hello-world/build");

        // Act
        using var response = await _admin.PostAsync(path + "doDelete", null);
        using var after = await _admin.GetAsync(path + "api/json");

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(302));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo(Server.BaseUri + "job/hello-world/"));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task BuildApi_XmlAndPython_Render()
    {
        // Arrange
        var (path, _) = await BuildKit.BuildAsync(_admin, "job/hello-world/build");

        // Act
        using var xml = await _admin.GetAsync(path + "api/xml");
        using var python = await _admin.GetAsync(path + "api/python");

        // Assert
        Assert.That(await xml.Content.ReadAsStringAsync(), Does.StartWith("<freeStyleBuild _class=\"hudson.model.FreeStyleBuild\">"));
        Assert.That(await python.Content.ReadAsStringAsync(), Does.Contain("\"result\":\"SUCCESS\""));
    }

    /// <param name="describe">What the failure message shows of the state (a build's console, say).</param>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("condition never became true" + (describe is null ? "" : ": " + await describe()));
            }

            await Task.Delay(50);
        }
    }
}
