using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Persistence.ApiTokens;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.ApiTokens;

internal sealed class TokenAuditFileTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 17, 41, 3, 435, TimeSpan.Zero);

    [Test]
    public void Append_OneJsonLineInTheSpecsOrder_ReadBackNewestFirst()
    {
        using var home = TempHome.Empty();
        var log = new TokenAuditFile(home.Home);
        log.Append(Event(0, "token.created", "deploy-bot"));
        log.Append(Event(1, "token.revoked", "alice"));

        var line = File.ReadAllLines(Path.Combine(home.Root, TokenAuditFile.RelativePath))[0];
        Assert.That(line, Is.EqualTo("""{"time":"2026-12-02T17:41:03.435Z","event":"token.created","actor":"admin","actorAuth":"session","user":"deploy-bot","tokenUuid":"u0","tokenName":"n\u003C0\u003E","address":"127.0.0.1","userAgent":"curl/8.5.0","details":{"scope":"build"}}"""));
        var read = log.Read(new TokenAuditQuery(null, null, null, 10));
        Assert.That(read.Select(e => e.Event), Is.EqualTo((string[])["token.revoked", "token.created"]));
        Assert.That(read[1], Is.EqualTo(Event(0, "token.created", "deploy-bot") with { Details = read[1].Details }));
        Assert.That(read[1].Details["scope"], Is.EqualTo("build"));
    }

    [Test]
    public void Append_PastMaxBytes_RollsOverAndKeepsTenFiles()
    {
        using var home = TempHome.Empty();
        var one = TokenAuditFile.Serialize(Event(29, "token.created", "alice")).Length + 1; // the longest line written
        var log = new TokenAuditFile(home.Home, maxBytes: one * 2);

        for (var i = 0; i < 30; i++)
        {
            log.Append(Event(i, "token.created", "alice"));
        }

        var files = Directory.GetFiles(Path.Combine(home.Root, "logs")).Select(Path.GetFileName).Order().ToList();
        Assert.That(files, Has.Count.EqualTo(TokenAuditFile.KeptFiles));
        Assert.That(files, Does.Contain("api-token-audit.jsonl").And.Contain("api-token-audit.jsonl.9").And.No.Member("api-token-audit.jsonl.10"));
        Assert.That(files.Select(f => new FileInfo(Path.Combine(home.Root, "logs", f!)).Length), Has.All.LessThanOrEqualTo(one * 2));
        var newest = log.Read(new TokenAuditQuery(null, null, null, 1000));
        Assert.That(newest, Has.Count.EqualTo(20));
        Assert.That(newest[0].Time, Is.EqualTo(Start.AddSeconds(29)));
        Assert.That(newest[^1].Time, Is.EqualTo(Start.AddSeconds(10)));
    }

    [Test]
    public void Read_FiltersAndSkipsATornLine()
    {
        using var home = TempHome.Empty();
        var log = new TokenAuditFile(home.Home);
        log.Append(Event(0, "token.created", "alice"));
        log.Append(Event(1, "token.created", "bob"));
        File.AppendAllText(Path.Combine(home.Root, TokenAuditFile.RelativePath), "{\"time\":\"2026-12-0");

        Assert.That(log.Read(new TokenAuditQuery(null, "ALICE", "token.created", 10)).Select(e => e.User), Is.EqualTo((string[])["alice"]));
        Assert.That(log.Read(new TokenAuditQuery(Start.AddSeconds(1), null, null, 10)).Select(e => e.User), Is.EqualTo((string[])["bob"]));
    }

    [Test]
    public void Append_WriteFails_ThrowsAuditUnavailable()
    {
        using var home = TempHome.Empty();
        var log = new TokenAuditFile(home.Home);
        using var fault = WriteFaults.Inject(p => p.StartsWith(home.Root, StringComparison.Ordinal), _ => new IOException("disk full"));

        Assert.That(() => log.Append(Event(0, "token.created", "alice")), Throws.TypeOf<AuditUnavailableException>());
    }

    private static TokenAuditEvent Event(int second, string name, string user) =>
        new(Start.AddSeconds(second), name, "admin", "session", user, $"u{second}", $"n<{second}>", "127.0.0.1", "curl/8.5.0",
            new Dictionary<string, string?> { ["scope"] = "build" });
}
