using System.Collections.Concurrent;
using System.Net;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.ApiTokens;

/// <summary>REL-08: concurrent changes to one user never lose a token, in memory or on disk.</summary>
internal sealed class ParallelTokenCreationTests : ServerFixture
{
    [Test]
    public async Task GenerateNewToken_64InParallel_AllStillAuthenticateAfterRestart()
    {
        // Arrange
        await CreateUserAsync("frank", "frank-password-1");
        var (bootstrap, _) = await GenerateTokenAsync("frank", "frank-password-1", "bootstrap");
        var created = new ConcurrentBag<string>();

        // Act
        await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var client = Server.Client("frank", bootstrap);
            using var response = await PostAsync(client, $"user/frank/{TokenBase}/generateNewToken", ("newTokenName", $"parallel-{i}"));
            var value = JObject.Parse(await response.Content.ReadAsStringAsync(ct))["data"]!["tokenValue"]!.ToString();
            Server.RememberSecret(value);
            created.Add(value);
        });
        await Server.RestartAsync();

        // Assert
        Assert.That(created.Distinct().Count(), Is.EqualTo(64));
        var statuses = await Task.WhenAll(created.Select(value => WhoAmIStatusAsync(Server, "frank", value)));
        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
        using var frank = Server.Client("frank", bootstrap);
        var listed = (await JsonAsync(frank, "me/api/json"))["property"]!.SelectMany(p => p["tokens"] ?? new JArray()).Count();
        Assert.That(listed, Is.EqualTo(65));
    }
}
