using System.Net;
using JenkinsLite.Server.ApiTokens.Policy;
using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Server.Tests.ApiTokens.Governance;

/// <summary>The policy's sweep and the expired-token event, on a server whose clock the test moves.</summary>
internal sealed class SweepTests : GovernanceFixture
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override Task<TestServer> StartAsync() => StartMatrixAsync(o => o with { Clock = _clock });

    [Test]
    public async Task Sweep_RevokesTokenUnusedForMaxUnusedDays_WithSweptEvent_KeepsUsedOne()
    {
        // Arrange
        var (stale, staleUuid) = await GenerateTokenAsync("alice", AlicePassword, "stale");
        var (fresh, freshUuid) = await GenerateTokenAsync("alice", AlicePassword, "fresh");
        await SetPolicyAsync("""{"maxUnusedDays":30}""");
        _clock.Advance(TimeSpan.FromDays(29));
        Assert.That(await WhoAmIStatusAsync(Server, "alice", fresh), Is.EqualTo(HttpStatusCode.OK));
        using (var admin = AdminApi())
        using (var used = await admin.GetAsync("whoAmI/api/json"))
        {
            Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the fixture's admin token stays in use");
        }

        var sweeper = Server.Probe.Services.GetRequiredService<ApiTokenSweeper>();
        Assert.That(sweeper.SweepNow(), Is.Zero, "29 days unused is not yet stale");
        _clock.Advance(TimeSpan.FromDays(2));

        // Act: the daily sweep may already have run as the clock moved; a second run finds nothing more
        sweeper.SweepNow();

        // Assert
        Assert.That(sweeper.SweepNow(), Is.Zero);
        Assert.That(await WhoAmIStatusAsync(Server, "alice", stale), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await WhoAmIStatusAsync(Server, "alice", fresh), Is.EqualTo(HttpStatusCode.OK));
        // (a token another test left unused is swept too)
        var swept = (await AuditAsync("event=token.swept")).Where(e => e["user"]!.ToString() == "alice").ToList();
        Assert.That(swept.Select(e => e["tokenUuid"]!.ToString()), Does.Contain(staleUuid).And.No.Member(freshUuid));
        var event0 = swept.Single(e => e["tokenUuid"]!.ToString() == staleUuid);
        Assert.Multiple(() =>
        {
            Assert.That(event0["actor"]!.ToString(), Is.EqualTo("SYSTEM"));
            Assert.That(event0["actorAuth"]!.ToString(), Is.EqualTo("system"));
            Assert.That(event0["tokenName"]!.ToString(), Is.EqualTo("stale"));
            Assert.That(event0["details"]!["unusedDays"]!.ToString(), Is.EqualTo("31"));
        });
    }

    [Test]
    public async Task ExpiredToken_FirstRefusedUse_IsOneExpiredEvent()
    {
        // Arrange
        var (value, uuid) = await GenerateTokenAsync("alice", AlicePassword, "short-lived", "1");
        _clock.Advance(TimeSpan.FromDays(2));

        // Act
        Assert.That(await WhoAmIStatusAsync(Server, "alice", value), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await WhoAmIStatusAsync(Server, "alice", value), Is.EqualTo(HttpStatusCode.Unauthorized));

        // Assert
        var expired = await AuditAsync("event=token.expired&user=alice");
        Assert.That(expired.Select(e => e["tokenUuid"]!.ToString()), Is.EqualTo((string[])[uuid]));
    }
}
