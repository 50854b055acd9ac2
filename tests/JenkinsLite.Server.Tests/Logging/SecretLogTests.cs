using System.Net;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JenkinsLite.Server.Tests.Logging;

/// <summary>
/// SEC-38 and decisions.md #17: no request lines by default; at Trace (as every test server logs) the
/// framework's request lines are there but carry no secret; and the leak search finds a secret that leaks.
/// </summary>
internal sealed class SecretLogTests
{
    private const string TriggerToken = "trigger-token-4b1d7e";

    [Test]
    public async Task DefaultLevels_WriteNoRequestLines()
    {
        await using var server = await TestServer.StartSeededWithDefaultLogLevelsAsync();
        using var anonymous = server.Client();

        using var response = await anonymous.GetAsync("api/json?token=not-a-request-line");

        Assert.That(server.Log.Lines.Where(l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level < LogLevel.Warning), Is.Empty);
        Assert.That(server.Log.AllText, Does.Not.Contain("not-a-request-line"));
    }

    [Test]
    public async Task RemoteTrigger_AtTrace_RequestLinesHideTheToken()
    {
        // Arrange
        await using var server = await BuildKit.StartWithJobsAsync(new Dictionary<string, string>
        {
            ["remote"] = BuildKit.Freestyle("true", extra: $"\n  <authToken>{TriggerToken}</authToken>"),
        });
        using var admin = server.Client("admin", server.AdminPassword);

        // Act
        using var response = await admin.GetAsync($"job/remote/build?token={TriggerToken}&delay=0sec");

        // Assert: the request line is logged (Trace) with the token masked; the leak search covers it on dispose
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(server.Log.AllText, Does.Contain("/job/remote/build?token=****&delay=0sec"));
        Assert.That(server.Log.AllText, Does.Not.Contain(TriggerToken));
    }

    [Test]
    public async Task BadRequestLine_AtTrace_KestrelsQuoteOfItHidesTheToken()
    {
        // Arrange: a request line Kestrel refuses (a raw NUL), which it quotes in its log
        await using var server = await TestServer.StartSeededAsync();
        const string secret = "bad-line-token-51c0de";
        server.RememberSecret(secret);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.BaseUri.Host, server.BaseUri.Port);
        var stream = tcp.GetStream();

        // Act
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET /job/a/build?token={secret}\u0000 HTTP/1.1\r\nHost: x\r\n\r\n"));
        var answer = new byte[256];
        var read = await stream.ReadAsync(answer);

        // Assert
        Assert.That(System.Text.Encoding.ASCII.GetString(answer, 0, read), Does.StartWith("HTTP/1.1 400"));
        Assert.That(server.Log.AllText, Does.Contain("token=****"));
        Assert.That(server.FindSecretLeaks(), Is.Empty);
    }

    [Test]
    public async Task LoggedException_QuotingAQuery_IsRedacted()
    {
        await using var server = await TestServer.StartSeededAsync();
        const string secret = "exception-token-7e2a90";
        server.RememberSecret(secret);
        var logger = server.Probe.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Quoting");

        logger.Log(LogLevel.Error, default, "a failure", new InvalidOperationException($"could not serve /x?token={secret}"), (text, _) => text);

        Assert.That(server.Log.AllText, Does.Contain("could not serve /x?token=****"));
        Assert.That(server.FindSecretLeaks(), Is.Empty);
    }

    [Test]
    public async Task LeakSearch_FindsASecretInTheLogAndInTheHome()
    {
        // Arrange
        await using var server = await TestServer.StartSeededAsync();
        const string canary = "canary-secret-9f3a61";
        server.RememberSecret(canary);
        Assert.That(server.FindSecretLeaks(), Is.Empty);

        // Act: a careless log line and a careless file
        var careless = server.Probe.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Careless");
        careless.Log(LogLevel.Information, default, "the secret is " + canary, null, (text, _) => text);
        var file = Path.Combine(server.Home, "careless.txt");
        await File.WriteAllTextAsync(file, "base64 of it: " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(canary)));

        // Assert
        Assert.That(server.FindSecretLeaks(), Is.EquivalentTo((string[])["careless.txt contains a secret", "the server log contains a secret"]));
        server.Log.Clear();
        File.Delete(file);
    }
}
