using System.Net;
using System.Text;

namespace JenkinsLite.Server.Tests.Hostile;

/// <summary>
/// Malformed credentials, oversized headers and bodies, invalid UTF-8 and control characters where input
/// enters (path, query, form): each is answered with a 4xx and a message, never a 500, and writes nothing.
/// </summary>
internal sealed class HostileRequestTests : HostileFixture
{
    [TestCase("!!!not-base64!!!")]
    [TestCase("bm9jb2xvbg==")] // "nocolon"
    [TestCase("=")]
    [TestCase("////")] // decodes to bytes that are not UTF-8
    public async Task Basic_Malformed_401Malformed(string encoded)
    {
        // Act
        var answer = await SendAsync("GET", "/whoAmI/api/json", [$"Authorization: Basic {encoded}"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(401), answer.ToString());
            Assert.That(answer.Head, Does.Contain("WWW-Authenticate: Basic realm=\"Jenkins\""));
            Assert.That(answer.Body, Does.Contain("Malformed HTTP Basic Authorization header."));
        });
    }

    [TestCase(new byte[] { 0xFF, 0xFE, (byte)':', 0xFF })]
    [TestCase(new byte[] { (byte)'.', (byte)'.', (byte)'/', (byte)'.', (byte)'.', (byte)':', (byte)'x' })]
    [TestCase(new byte[] { (byte)'a', 0, (byte)'b', (byte)':', (byte)'x' })]
    [TestCase(new byte[] { (byte)'a', (byte)'\n', (byte)'b', (byte)':', (byte)'x' })]
    public async Task Basic_OddUserName_401AndNoUserCreated(byte[] credentials)
    {
        // Act
        var answer = await SendAsync("GET", "/whoAmI/api/json", [$"Authorization: Basic {Convert.ToBase64String(credentials)}"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(401), answer.ToString());
            Assert.That(answer.Head, Does.Contain("WWW-Authenticate: Basic realm=\"Jenkins\""));
        });
    }

    [Test]
    public async Task Basic_HugeButWithinHeaderLimit_401()
    {
        // Arrange: 24 KiB of credentials, under Kestrel's 32 KiB for all headers
        var credentials = "admin:" + new string('x', 18 * 1024);

        // Act
        var answer = await SendAsync("GET", "/whoAmI/api/json", [$"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))}"]);

        // Assert
        Assert.That(answer.Status, Is.EqualTo(401), answer.ToString());
    }

    [Test]
    public async Task Basic_EmptyCredentials_AnonymousAsInJenkins()
    {
        // Act: "Basic" with nothing after it is no Basic header at all to Jenkins (it looks for "basic ")
        var answer = await SendAsync("GET", "/whoAmI/api/json", ["Authorization: Basic "]);

        // Assert
        Assert.That(answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(answer.Body, Does.Contain("\"anonymous\":true"));
    }

    [TestCase("Authorization: Basic ", 40 * 1024)]
    [TestCase("X-Padding: ", 40 * 1024)]
    public async Task Headers_OverTheLimit_431(string header, int size)
    {
        // Act
        var answer = await SendAsync("GET", "/whoAmI/api/json", [header + new string('A', size)]);

        // Assert
        Assert.That(answer.Status, Is.EqualTo(431), answer.ToString());
    }

    [Test]
    public async Task Headers_TooMany_431()
    {
        // Act
        var answer = await SendAsync("GET", "/whoAmI/api/json", Enumerable.Range(0, 200).Select(i => $"X-H{i}: {i}"));

        // Assert
        Assert.That(answer.Status, Is.EqualTo(431), answer.ToString());
    }

    [Test]
    public async Task RequestLine_Huge_414()
    {
        // Act
        var answer = await SendAsync("GET", "/job/" + new string('a', 16 * 1024) + "/api/json");

        // Assert
        Assert.That(answer.Status, Is.EqualTo(414), answer.ToString());
    }

    [Test]
    public async Task Body_OverTheServerLimit_413WithMessage()
    {
        // Arrange: a form announced as 17 MiB, over the 16 MiB any body may have; refused before it is read
        var body = Encoding.ASCII.GetBytes("description=" + new string('x', 64 * 1024));

        // Act
        var answer = await SendAsync("POST", $"/job/{Target}/submitDescription", [Bearer(), $"Content-Length: {17 * 1024 * 1024}"], body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(413), answer.ToString());
            Assert.That(answer.Body, Does.Contain("16 MiB"));
        });
    }

    [TestCase("GET", "/job/%FF/api/json")]
    [TestCase("GET", "/job/%C0%AE%C0%AE/api/json")] // an overlong "..", refused by every UTF-8 decoder
    [TestCase("GET", "/job/a%00b/api/json")]
    [TestCase("GET", "/job/a%0D%0AX-Evil:%201/api/json")]
    [TestCase("GET", "/job/a%1Bb/api/json")]
    [TestCase("GET", "/view/%FF/api/json")]
    [TestCase("GET", "/user/%FF/api/json")]
    [TestCase("GET", "/job/target/api/json?tree=%FF")]
    [TestCase("GET", "/job/target/api/json?tree=name%00")]
    [TestCase("GET", "/job/target/api/json?%FF=1")]
    [TestCase("POST", "/createItem?name=%FF")]
    [TestCase("POST", "/createItem?name=a%00b")]
    [TestCase("POST", "/job/target/doRename?newName=%FF")]
    public async Task Target_InvalidUtf8OrControlCharacter_400(string method, string target)
    {
        // Act
        var answer = await SendAsync(method, target, [Bearer()], method == "POST" ? [] : null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(400), answer.ToString());
            Assert.That(answer.Head, Does.Not.Contain("X-Evil"));
        });
        await AssertStillServingAsync();
    }

    [TestCase("submitDescription", "description=%FF")]
    [TestCase("submitDescription", "description=a%00b")]
    [TestCase("doRename", "newName=%C0%AE%C0%AE")]
    [TestCase("doRename", "newName=a%00b")]
    [TestCase("submitDescription", "%FF=x")]
    [TestCase("submitDescription", "description=ok&x%1B=y")]
    public async Task Form_InvalidUtf8OrNul_400(string action, string form)
    {
        // Act
        var answer = await SendAsync("POST", $"/job/{Target}/{action}", [Bearer()], Encoding.ASCII.GetBytes(form));

        // Assert
        Assert.That(answer.Status, Is.EqualTo(400), answer.ToString());
        await AssertStillServingAsync();
    }

    [TestCase("depth=2147483647")]
    [TestCase("depth=-1")]
    [TestCase("tree=jobs{2147483647,-2147483648}")]
    [TestCase("tree=jobs[jobs[jobs[")]
    public async Task Api_ExtremeTreeOrDepth_AnsweredWithoutFault(string query)
    {
        // Act
        var answer = await SendAsync("GET", $"/api/json?{query}", [Bearer()]);

        // Assert
        Assert.That(answer.Status, Is.AnyOf(200, 400), answer.ToString());
        await AssertStillServingAsync();
    }

    [Test]
    public async Task Api_TreeNested2500Deep_AnsweredWithoutFault()
    {
        // Arrange: as deep as the 8 KiB request line allows; the spec is parsed recursively
        const int nesting = 2500;
        var tree = string.Concat(Enumerable.Repeat("a[", nesting)) + "name" + new string(']', nesting);

        // Act
        var answer = await SendAsync("GET", $"/api/json?tree={tree}", [Bearer()]);

        // Assert
        Assert.That(answer.Status, Is.EqualTo(200), answer.ToString());
        await AssertStillServingAsync();
    }

    private string Bearer() => $"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Token}"))}";

    private Task<RawHttp.Answer> SendAsync(string method, string target, IEnumerable<string>? headers = null, byte[]? body = null) =>
        RefusedAsync(() => RawHttp.SendAsync(Server.BaseUri, method, target, headers, body));
}
