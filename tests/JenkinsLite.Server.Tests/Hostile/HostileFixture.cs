using System.Diagnostics;
using JenkinsLite.Server.Tests.Cli;
using JenkinsLite.Server.Tests.Infrastructure;
using JenkinsLite.Server.Tests.Jobs;

namespace JenkinsLite.Server.Tests.Hostile;

/// <summary>
/// A live server with an admin token, a job named <c>target</c> and helpers that send one hostile request
/// and prove, by hashing the home before and after, that nothing was written (security.md SEC-44/55).
/// </summary>
internal abstract class HostileFixture : JobFixture
{
    protected const string Target = "target";

    // A tripwire for hangs and quadratic costs (which took minutes), with room for a shared 2-core machine.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    [OneTimeSetUp]
    public async Task CreateTargetAsync()
    {
        await CreateAsync($"createItem?name={Target}", FreeStyle);
        await AssertStillServingAsync(); // the first requests of a fresh server are slower: not the hostile ones
        using var anonymous = Server.Client("nobody", "wrong");
        using var refused = await anonymous.GetAsync("whoAmI/api/json");
    }

    /// <summary>Runs a hostile request: returns its result after checking it was answered quickly and wrote nothing.</summary>
    protected async Task<T> RefusedAsync<T>(Func<Task<T>> request)
    {
        var before = HomeSnapshot.Take(Server.Home);
        var clock = Stopwatch.StartNew();
        var result = await request();
        var elapsed = clock.Elapsed;
        Assert.Multiple(() =>
        {
            Assert.That(elapsed, Is.LessThan(Budget), "a hostile request is answered quickly");
            before.AssertUnchanged();
        });
        return result;
    }

    /// <summary>Runs our CLI client once over each transport, so the budget does not time its first start.</summary>
    protected async Task WarmUpCliAsync()
    {
        foreach (var mode in new[] { CliFixture.Http, CliFixture.WebSocket })
        {
            var run = await CliRun.RunAsync(["-s", Server.BaseUri.ToString(), mode, "-auth", $"admin:{Token}", "who-am-i"]);
            Assert.That(run.Code, Is.Zero, run.ToString());
        }
    }

    /// <summary>The server still answers an ordinary request after the hostile one.</summary>
    protected async Task AssertStillServingAsync()
    {
        using var client = AdminToken();
        using var response = await client.GetAsync($"job/{Target}/api/json");
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
    }
}
