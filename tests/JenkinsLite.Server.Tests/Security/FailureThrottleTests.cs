using System.Net;
using System.Net.Sockets;
using System.Text;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>Repeated failures for one user from one address are slowed down, without locking the owner out elsewhere.</summary>
internal sealed class FailureThrottleTests : ServerFixture
{
    [Test]
    public async Task RepeatedFailures_Get429WithRetryAfter_OnlyForThatUserAndAddress()
    {
        // Arrange
        await CreateUserAsync("mona", "mona-password-1");
        var (token, _) = await GenerateTokenAsync("mona", "mona-password-1");
        using var attacker = ClientFrom("127.0.0.1", "mona", "wrong-guess");

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await attacker.GetAsync("whoAmI/api/json");
            statuses.Add(response.StatusCode);
        }

        using var throttled = await attacker.GetAsync("whoAmI/api/json");
        using var ownerElsewhere = ClientFrom("127.0.0.2", "mona", token);
        using var fromElsewhere = await ownerElsewhere.GetAsync("whoAmI/api/json");
        using var otherUser = ClientFrom("127.0.0.1", "admin", AdminPassword);
        using var otherUserResponse = await otherUser.GetAsync("whoAmI/api/json");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(10), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(statuses[10], Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(throttled.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 60));
            Assert.That(fromElsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(otherUserResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    private HttpClient ClientFrom(string localAddress, string user, string secret)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Server.BaseUri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        return client;
    }
}
