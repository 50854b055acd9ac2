using System.Text;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Cli;

namespace JenkinsLite.Server.Tests.Hostile;

/// <summary>
/// Names and paths that try to leave their folder: job, view and user names (".." and the characters
/// Jenkins' checkGoodName refuses), copy and rename targets, artifact and workspace paths in every
/// encoding, and a link a build leaves in its workspace. Each is a 400 or 404 that serves no byte of a
/// file outside the folder and writes nothing.
/// </summary>
internal sealed class HostilePathTests : HostileFixture
{
    private const string Archiver = "archiver";
    private const string MarkerFile = "traversal-marker.txt";
    private static readonly string Marker = $"TRAVERSAL-{Guid.NewGuid():N}";

    // Names a job, view or user may not have, raw as they go into a query or form value.
    private static readonly string[] BadNames =
    [
        "..", ".", "../escape", "a/b", "a\\b", "..\\..\\escape", "/abs", "a.", "a?b", "a*b", "a%b", "a!b", "a@b", "a#b",
        "a$b", "a^b", "a&b", "a|b", "a<b", "a>b", "a[b", "a]b", "a:b", "a;b", " ", "a\u0001b", "a\u007Fb",
    ];

    // Ways to write "../" in a URL: as is (normalised away by the server), escaped, double-escaped, with backslashes.
    private static readonly string[] Ups = ["../", "%2e%2e/", "..%2F", "%2e%2e%2f", "..%5C", "%252e%252e%252f", "..\\", ".%2e/"];

    [OneTimeSetUp]
    public async Task BuildWithArtifactAndLinkAsync()
    {
        // A build that archives a file and leaves a link to the home's root in its workspace (home/workspace/archiver).
        var xml = BuildKit.Freestyle($"mkdir -p out && echo artifact > out/a.txt && ln -sf ../../{MarkerFile} escape && ln -sf /etc/passwd passwd",
            BuildKit.Archiver("out/*"));
        await CreateAsync($"createItem?name={Archiver}", xml);
        using var client = AdminToken();
        var (path, build) = await BuildKit.BuildAsync(client, $"job/{Archiver}/build?delay=0sec");
        Assert.That(build["result"]!.ToString(), Is.EqualTo("SUCCESS"), path);
        await File.WriteAllTextAsync(Path.Combine(Server.Home, MarkerFile), Marker);
        await WarmUpCliAsync();
    }

    [Test]
    public async Task Get_ArtifactWorkspaceAndMarker_WhereTheUpPathsWouldLead()
    {
        // Control: the files exist where the refused paths below aim, so a 404 there is a refusal.
        using var client = AdminToken();
        var artifact = await client.GetStringAsync($"job/{Archiver}/1/artifact/out/a.txt");
        var workspace = await client.GetStringAsync($"job/{Archiver}/ws/out/a.txt");
        var archive = Path.Combine(Server.Home, "jobs", Archiver, "builds", "1", "archive");

        Assert.Multiple(() =>
        {
            Assert.That(artifact.Trim(), Is.EqualTo("artifact"));
            Assert.That(workspace.Trim(), Is.EqualTo("artifact"));
            Assert.That(File.ReadAllText(Path.Combine(archive, "..", "..", "..", "..", "..", MarkerFile)), Is.EqualTo(Marker));
            Assert.That(File.ReadAllText(Path.Combine(Server.Home, "workspace", Archiver, "escape")), Is.EqualTo(Marker));
        });
    }

    [TestCaseSource(nameof(BadNames))]
    public async Task CreateItem_BadName_400(string name)
    {
        // Act
        var answer = await PostAsync($"createItem?name={Uri.EscapeDataString(name)}", FreeStyle, "application/xml");

        // Assert
        Assert.That(answer.Status, Is.EqualTo(400), answer.ToString());
    }

    [TestCaseSource(nameof(BadNames))]
    public async Task CopyItem_BadNewName_400(string name)
    {
        // Act
        var answer = await PostAsync($"createItem?name={Uri.EscapeDataString(name)}&mode=copy&from={Target}");

        // Assert
        Assert.That(answer.Status, Is.EqualTo(400), answer.ToString());
    }

    [TestCase("../../secrets")]
    [TestCase("..")]
    [TestCase("/etc")]
    [TestCase("target/../../..")]
    public async Task CopyItem_SourceOutsideJobs_4xx(string from)
    {
        // Act
        var answer = await PostAsync($"createItem?name=copied&mode=copy&from={Uri.EscapeDataString(from)}");

        // Assert
        Assert.That(answer.Status, Is.AnyOf(400, 404), answer.ToString());
    }

    [TestCaseSource(nameof(BadNames))]
    public async Task Rename_BadNewName_400(string name)
    {
        // Act
        var answer = await PostAsync($"job/{Target}/doRename?newName={Uri.EscapeDataString(name)}");

        // Assert
        Assert.That(answer.Status, Is.EqualTo(400), answer.ToString());
    }

    [TestCaseSource(nameof(BadNames))]
    public async Task CreateView_BadName_400(string name)
    {
        // Act
        var answer = await PostAsync($"createView?name={Uri.EscapeDataString(name)}", "<hudson.model.ListView><jobNames/></hudson.model.ListView>", "application/xml");

        // Assert
        Assert.That(answer.Status, Is.EqualTo(400), answer.ToString());
    }

    [TestCaseSource(nameof(BadNames))]
    public async Task CreateUser_BadName_400(string name)
    {
        // Act
        var form = $"username={Uri.EscapeDataString(name)}&password1=p4ssw0rd-x&password2=p4ssw0rd-x&fullname=x";
        var answer = await PostAsync("securityRealm/createAccountByAdmin", form, "application/x-www-form-urlencoded");

        // Assert
        Assert.That(answer.Status, Is.EqualTo(400), answer.ToString());
    }

    [TestCaseSource(nameof(Ups))]
    public async Task Get_UpInJobViewOrUserName_404(string up)
    {
        foreach (var target in new[] { $"/job/{up}{up}{MarkerFile}", $"/job/{up}{up}secrets/master.key", $"/view/{up}{up}{MarkerFile}",
            $"/user/{up}{up}{MarkerFile}", $"/user/{up}{up}secrets/api/json", $"/job/{Target}/{up}{up}{MarkerFile}" })
        {
            // Act
            var answer = await GetAsync(target);

            // Assert
            Assert.That(answer.Status, Is.AnyOf(400, 404), $"{target}\n{answer}");
        }
    }

    [TestCaseSource(nameof(Ups))]
    public async Task Get_ArtifactOrWorkspaceUpPath_404(string up)
    {
        // The marker sits five levels above the archive (jobs/archiver/builds/1/archive) and two above the workspace.
        foreach (var target in new[]
        {
            $"/job/{Archiver}/1/artifact/{string.Concat(Enumerable.Repeat(up, 5))}{MarkerFile}",
            $"/job/{Archiver}/1/artifact/out/{string.Concat(Enumerable.Repeat(up, 6))}{MarkerFile}",
            $"/job/{Archiver}/1/artifact/{string.Concat(Enumerable.Repeat(up, 5))}*zip*/home.zip",
            $"/job/{Archiver}/ws/{string.Concat(Enumerable.Repeat(up, 2))}{MarkerFile}",
            $"/job/{Archiver}/ws/{string.Concat(Enumerable.Repeat(up, 2))}*zip*/home.zip",
            $"/job/{Archiver}/lastSuccessfulBuild/artifact/{string.Concat(Enumerable.Repeat(up, 5))}{MarkerFile}",
        })
        {
            // Act
            var answer = await GetAsync(target);

            // Assert
            Assert.That(answer.Status, Is.AnyOf(400, 404), $"{target}\n{answer}");
        }
    }

    [TestCase("%2Fetc%2Fpasswd")]
    [TestCase("/etc/passwd")]
    [TestCase("escape")]
    [TestCase("passwd")]
    [TestCase("a%00b")]
    public async Task Get_WorkspaceAbsoluteOrLinkOut_404(string path)
    {
        // Act
        var answer = await GetAsync($"/job/{Archiver}/ws/{path}");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.AnyOf(400, 404), answer.ToString());
            Assert.That(answer.Body, Does.Not.Contain("root:"));
        });
    }

    [Test]
    public async Task Get_WorkspaceZip_LeavesLinksOut()
    {
        // Act
        using var client = AdminToken();
        var zip = await RefusedAsync(() => client.GetByteArrayAsync($"job/{Archiver}/ws/*zip*/{Archiver}.zip"));

        // Assert: the archived file is there, nothing the links point at
        var text = Encoding.Latin1.GetString(zip);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("out/a.txt"));
            Assert.That(text, Does.Not.Contain("escape").And.Not.Contain("passwd"));
        });
    }

    [TestCase(CliFixture.Http, "create-job", "../escape")]
    [TestCase(CliFixture.Http, "create-job", "..")]
    [TestCase(CliFixture.WebSocket, "create-job", "a\\b")]
    [TestCase(CliFixture.WebSocket, "copy-job", Target, "../escape")]
    [TestCase(CliFixture.Http, "copy-job", "../../secrets", "copied")]
    [TestCase(CliFixture.Http, "create-view", "..")]
    [TestCase(CliFixture.WebSocket, "get-job", "../../config.xml")]
    public async Task Cli_BadName_FailsAndWritesNothing(string mode, params string[] command)
    {
        // Act
        var stdin = command[0] == "create-view" ? "<hudson.model.ListView><jobNames/></hudson.model.ListView>"u8.ToArray() : Encoding.UTF8.GetBytes(FreeStyle);
        var run = await RefusedAsync(() => CliRun.RunAsync(["-s", Server.BaseUri.ToString(), mode, "-auth", $"admin:{Token}", .. command], stdin));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.Not.Zero.And.Not.EqualTo(255), run.ToString());
            Assert.That(run.Out + run.Err, Does.Not.Contain(Marker).And.Not.Contain("<hudson>"));
        });
    }

    [TearDown]
    public void NothingServedTheMarker() => Assert.That(Server.Log.AllText, Does.Not.Contain(Marker));

    private Task<RawHttp.Answer> GetAsync(string target) => SendAsync("GET", target, null, null);

    private Task<RawHttp.Answer> PostAsync(string url, string? body = null, string? contentType = null) =>
        SendAsync("POST", "/" + url, body is null ? [] : Encoding.UTF8.GetBytes(body), contentType);

    private async Task<RawHttp.Answer> SendAsync(string method, string target, byte[]? body, string? contentType)
    {
        var answer = await RefusedAsync(() => RawHttp.SendAsync(Server.BaseUri, method, target,
            [$"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Token}"))}"], body, contentType));
        Assert.That(answer.Body, Does.Not.Contain(Marker), "a file outside the folder was served");
        return answer;
    }
}
