using System.Diagnostics;
using System.Net;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>--adminInitialApiToken (token-governance.md section 5): a token for the admin of a new home, with no browser.</summary>
internal sealed class InitialTokenTests
{
    private static string NewValue() => TokenSecret.Prefix + TokenSecret.NewSecret();

    [Test]
    public async Task Value_GivesTheNewAdminTheInitialToken_OnlyOnANewHome()
    {
        // Arrange
        var value = NewValue();
        await using var server = await TestServer.StartSeededAsync(o => o with { AdminInitialApiToken = value });
        server.RememberSecret(value);

        // Act
        var status = await WhoAmIAsync(server, value);
        await server.RestartAsync();
        var names = await TokenNamesAsync(server, value);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(names.Count(n => n == InitialApiToken.Name), Is.EqualTo(1), "a restart on the same home adds nothing");
    }

    [Test]
    public async Task AtFile_ReadsTheValueFromTheFile()
    {
        var value = NewValue();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, value + "\n");
        try
        {
            await using var server = await TestServer.StartSeededAsync(o => o with { AdminInitialApiToken = "@" + file });
            server.RememberSecret(value);

            Assert.That(await WhoAmIAsync(server, value), Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Generate_WritesARandomValueReadableByTheOwnerOnly()
    {
        await using var server = await TestServer.StartSeededAsync(o => o with { AdminInitialApiToken = InitialApiToken.Generate });
        var path = Path.Combine(server.Home, "secrets", "initialAdminApiToken");
        var value = (await File.ReadAllTextAsync(path)).Trim();
        server.RememberLogOnlySecret(value); // kept in secrets/ by design, as Jenkins keeps the initial password

        Assert.Multiple(async () =>
        {
            Assert.That(value, Does.Match("^11[0-9a-f]{32}$"));
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(await WhoAmIAsync(server, value), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase("not-a-token")]
    [TestCase("@/nonexistent/initial-token")]
    public void Invalid_StopsTheStartWithAClearMessage_NotRepeatingTheValue(string option)
    {
        var home = Directory.CreateTempSubdirectory("jenkinslite-test-").FullName;
        try
        {
            var e = Assert.Throws<InitialApiTokenException>(() => JenkinsLiteApp.Build(new ServerOptions { HomePath = home, HttpPort = 0, AdminInitialApiToken = option }));

            Assert.That(e!.Message, Does.Contain("--adminInitialApiToken"));
            Assert.That(e.Message, Does.Not.Contain("not-a-token"));
            Assert.That(Directory.EnumerateFileSystemEntries(home), Is.Empty, "nothing is written");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Test]
    public async Task Main_InvalidValue_PrintsOneLineAndExits1()
    {
        var home = Directory.CreateTempSubdirectory("jenkinslite-test-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "JenkinsLite.Server.dll"), "--httpPort=0", "--adminInitialApiToken=1234" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                Environment = { ["JENKINS_HOME"] = home },
            };

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            await stdout;

            Assert.That(process.ExitCode, Is.EqualTo(1));
            Assert.That(stderr.Trim(), Does.StartWith("JenkinsLite cannot start: --adminInitialApiToken must be"));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<HttpStatusCode> WhoAmIAsync(TestServer server, string value)
    {
        using var client = server.Client("admin", value);
        using var response = await client.GetAsync("whoAmI/api/json");
        return response.StatusCode;
    }

    private static async Task<List<string>> TokenNamesAsync(TestServer server, string value)
    {
        using var client = server.Client("admin", value);
        var json = Newtonsoft.Json.Linq.JObject.Parse(await client.GetStringAsync("user/admin/api/json"));
        return [.. json["property"]!.First(p => p["_class"]!.ToString() == "jenkins.security.ApiTokenProperty")["tokens"]!.Select(t => t["name"]!.ToString())];
    }
}
