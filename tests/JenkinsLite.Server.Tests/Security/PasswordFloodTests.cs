using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JenkinsLite.Core.Security.Passwords;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>
/// A flood of wrong passwords waits for the password-hash cap and leaves token requests alone (issue 13). The hash
/// is a stand-in for bcrypt that blocks while held, so "every slot is taken" is a state the test holds, not a timing
/// it hopes for.
/// </summary>
internal sealed class PasswordFloodTests
{
    private const string WrongPassword = "wrong-password";

    // More flood requests than the thread pool starts with, so without the cap they would hold every thread.
    private static readonly int FloodSize = Math.Max(64, Environment.ProcessorCount * 4);

    // Generous for a loaded machine; with the cap the token requests are answered in milliseconds.
    private static readonly TimeSpan TokenDeadline = TimeSpan.FromSeconds(10);

    [Test]
    public async Task WhoAmI_TokensDuringAFloodOfWrongPasswords_AnsweredWhileEverySlotIsTaken()
    {
        // Arrange: one slot; the flood's user names are all unknown, whose dummy hash takes a slot as a wrong password does.
        using var hashes = new BlockingHashes(held: false);
        await using var server = await StartAsync(hashes, TimeSpan.FromMinutes(1));
        var (token, _) = await server.GenerateTokenAsync("admin", server.AdminPassword!);
        using var flooder = server.Client();
        using var owner = server.Client("admin", token);
        hashes.Hold();
        var flood = Enumerable.Range(0, FloodSize).Select(i => WhoAmIAsync(flooder, $"flood-{i}", WrongPassword)).ToList();
        try
        {
            await hashes.WaitUntilRunningAsync(1);

            // Act
            var tokenRequests = Task.WhenAll(Enumerable.Range(0, 20).Select(_ => WhoAmIAsync(owner)));
            var tokensInTime = await Task.WhenAny(tokenRequests, Task.Delay(TokenDeadline)) == tokenRequests;
            var floodAnsweredMeanwhile = flood.Count(f => f.IsCompleted);
            var mostHashesAtOnce = hashes.MostAtOnce;
            hashes.Release();
            var floodStatuses = await Task.WhenAll(flood).WaitAsync(BlockingHashes.TestDeadline);

            // Assert
            Assert.Multiple(async () =>
            {
                Assert.That(tokensInTime, Is.True, "token requests were not answered while the flood waited");
                Assert.That(await tokenRequests, Is.All.EqualTo(HttpStatusCode.OK));
                Assert.That(mostHashesAtOnce, Is.EqualTo(1));
                Assert.That(floodAnsweredMeanwhile, Is.Zero);
                Assert.That(floodStatuses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
            });
        }
        finally
        {
            hashes.Release();
        }
    }

    [Test]
    public async Task PasswordChecks_NoSlotWithinTheWait_503WithRetryAfterAndTheFormSaysSo()
    {
        // Arrange: the only slot is taken for as long as the test needs.
        using var hashes = new BlockingHashes(held: true);
        await using var server = await StartAsync(hashes, TimeSpan.FromMilliseconds(200));
        using var flooder = server.Client();
        var holder = WhoAmIAsync(flooder, "flood-0", WrongPassword);
        try
        {
            await hashes.WaitUntilRunningAsync(1);
            using var browser = server.Client(cookies: true);
            var login = await browser.GetStringAsync("login");
            var crumb = System.Text.RegularExpressions.Regex.Match(login, "name=\"Jenkins-Crumb\" value=\"([^\"]+)\"").Groups[1].Value;

            // Act
            using var script = server.Client("admin", server.AdminPassword);
            using var busy = await script.GetAsync("whoAmI/api/json");
            using var signIn = await browser.PostAsync("j_spring_security_check", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["j_username"] = "admin", ["j_password"] = server.AdminPassword!, ["Jenkins-Crumb"] = crumb,
            }));
            using var errorPage = await browser.GetAsync(signIn.Headers.Location);

            // Assert
            Assert.Multiple(async () =>
            {
                Assert.That(busy.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(busy.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
                Assert.That(await busy.Content.ReadAsStringAsync(), Does.StartWith("Too many password checks are waiting"));
                Assert.That(signIn.Headers.Location?.ToString(), Does.StartWith("/loginError?reason=busy"));
                Assert.That(errorPage.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(await errorPage.Content.ReadAsStringAsync(), Does.Contain("Too many password checks are waiting"));
                Assert.That(holder.IsCompleted, Is.False);
            });
        }
        finally
        {
            hashes.Release();
        }

        Assert.That(await holder.WaitAsync(BlockingHashes.TestDeadline), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static Task<TestServer> StartAsync(BlockingHashes hashes, TimeSpan maxWait) =>
        TestServer.StartSeededAsync(o => o with
        {
            ConcurrentPasswordHashes = 1,
            PasswordHashMaxWait = maxWait,
            // The flood's password costs nothing once released, so draining the line takes no bcrypt time.
            PasswordHashCheck = (stored, password) => hashes.Run(() => password != WrongPassword && PasswordHash.Verify(stored, password)),
        });

    private static async Task<HttpStatusCode> WhoAmIAsync(HttpClient client, string? user = null, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "whoAmI/api/json");
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
