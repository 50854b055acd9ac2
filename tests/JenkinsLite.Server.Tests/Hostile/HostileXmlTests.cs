using System.Net;
using System.Net.Sockets;
using System.Text;
using JenkinsLite.Server.Tests.Cli;

namespace JenkinsLite.Server.Tests.Hostile;

/// <summary>
/// Hostile XML on every endpoint that accepts a config.xml (jobs and views, created or replaced) and on the
/// CLI's create-job and update-job: deep nesting, DTDs, entity expansion, external entities, invalid
/// UTF-8 and oversized bodies are refused with a message, quickly, without reading a file or writing the home.
/// </summary>
internal sealed class HostileXmlTests : HostileFixture
{
    private const string Shelf = "shelf";

    // Each endpoint that reads a config.xml body: creating a job or a view, replacing one.
    private static readonly string[] XmlEndpoints =
    [
        "createItem?name=fresh",
        $"job/{Target}/config.xml",
        "createView?name=fresh-view",
        $"view/{Shelf}/config.xml",
    ];

    private static readonly string BillionLaughs =
        "<?xml version='1.1' encoding='UTF-8'?>\n<!DOCTYPE project [\n<!ENTITY l0 'lol'>\n"
        + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} '{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}'>\n"))
        + "]>\n<project><description>&l9;</description></project>";

    [OneTimeSetUp]
    public async Task CreateShelfViewAsync()
    {
        await CreateAsync($"createView?name={Shelf}", $"<hudson.model.ListView><name>{Shelf}</name><jobNames/></hudson.model.ListView>");
        await WarmUpCliAsync();
    }

    [TestCaseSource(nameof(XmlEndpoints))]
    public async Task Post_Nested200000Deep_400WithDepthMessage(string url)
    {
        // Arrange: 1.4 MB that once kept a core busy for over a minute
        var xml = Nested(200_000);

        // Act
        var (status, message) = await PostRefusedAsync(url, Encoding.UTF8.GetBytes(xml));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(message, Does.Contain("elements nest deeper than 256 levels"));
            Assert.That(message, Does.Contain("line 2"));
        });
        await AssertStillServingAsync();
    }

    [TestCaseSource(nameof(XmlEndpoints))]
    public async Task Post_ElementWith50000Attributes_400WithMessage(string url)
    {
        // Arrange
        var xml = "<project" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $" a{i}=''")) + "/>";

        // Act
        var (status, message) = await PostRefusedAsync(url, Encoding.UTF8.GetBytes(xml));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(message, Does.Contain("an element has more than 256 attributes"));
        });
    }

    [TestCaseSource(nameof(XmlEndpoints))]
    public async Task Post_BillionLaughs_400(string url)
    {
        // Act
        var (status, message) = await PostRefusedAsync(url, Encoding.UTF8.GetBytes(BillionLaughs));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(message, Does.Contain("DTD"));
            Assert.That(message, Does.Not.Contain("lollol"));
        });
    }

    [TestCaseSource(nameof(XmlEndpoints))]
    public async Task Post_ExternalEntities_400AndNothingFetched(string url)
    {
        // Arrange: a file with a marker, and a listener that would see any fetch of an external entity or DTD
        var secretFile = Path.Combine(Path.GetTempPath(), $"jenkinslite-xxe-{Guid.NewGuid():N}");
        var marker = $"MARKER-{Guid.NewGuid():N}";
        await File.WriteAllTextAsync(secretFile, marker);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var fetch = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/evil.dtd";
        string[] bodies =
        [
            $"<!DOCTYPE project [<!ENTITY x SYSTEM 'file://{secretFile}'>]><project><description>&x;</description></project>",
            $"<!DOCTYPE project [<!ENTITY x SYSTEM '{fetch}'>]><project><description>&x;</description></project>",
            $"<!DOCTYPE project SYSTEM '{fetch}'><project/>",
            $"<!DOCTYPE project [<!ENTITY % p SYSTEM '{fetch}'> %p;]><project/>",
            $"<?xml version='1.0'?><?xml-stylesheet href='{fetch}'?><!DOCTYPE project PUBLIC '-//x//y' '{fetch}'><project/>",
        ];
        try
        {
            foreach (var body in bodies)
            {
                // Act
                var (status, message) = await PostRefusedAsync(url, Encoding.UTF8.GetBytes(body));

                // Assert
                Assert.Multiple(() =>
                {
                    Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
                    Assert.That(message, Does.Not.Contain(marker));
                });
            }

            Assert.That(listener.Pending(), Is.False, "the server fetched an external entity or DTD");
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [TestCaseSource(nameof(XmlEndpoints))]
    public async Task Post_InvalidUtf8_400(string url)
    {
        // Arrange: a lone continuation byte and an overlong '<' inside the description
        var body = Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<project><description>ab</description></project>").ToList();
        body.InsertRange(body.Count - "</description></project>".Length, new byte[] { 0x80, 0xC0, 0xBC });

        // Act
        var (status, message) = await PostRefusedAsync(url, [.. body]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(message, Does.Contain("UTF-8"));
        });
    }

    [TestCaseSource(nameof(XmlEndpoints))]
    public async Task Post_BodyOverTheConfigLimit_413WithMessage(string url)
    {
        // Arrange: 6 MiB, over the 5 MiB a config.xml may have
        var xml = "<project><description>" + new string('x', 6 * 1024 * 1024) + "</description></project>";

        // Act
        var (status, message) = await PostRefusedAsync(url, Encoding.UTF8.GetBytes(xml));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(message, Does.Contain("larger than 5 MiB"));
        });
    }

    [TestCase(CliFixture.Http, "create-job", "fresh")]
    [TestCase(CliFixture.Http, "update-job", Target)]
    [TestCase(CliFixture.WebSocket, "create-job", "fresh")]
    [TestCase(CliFixture.WebSocket, "update-job", Target)]
    [TestCase(CliFixture.Http, "create-view", "fresh-view")]
    [TestCase(CliFixture.WebSocket, "update-view", Shelf)]
    public async Task Cli_Nested200000Deep_ExitsWithDepthMessage(string mode, string command, string item)
    {
        // Act
        var run = await RefusedAsync(() => CliRun.RunAsync(
            ["-s", Server.BaseUri.ToString(), mode, "-auth", $"admin:{Token}", command, item], Encoding.UTF8.GetBytes(Nested(200_000))));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.Not.Zero.And.Not.EqualTo(255), run.ToString());
            Assert.That(run.Err, Does.Contain("elements nest deeper than 256 levels"));
        });
    }

    // <project><a>…</a></project>: depth levels below the root, on line 2.
    private static string Nested(int depth) =>
        "<?xml version='1.1' encoding='UTF-8'?>\n<project>" + string.Concat(Enumerable.Repeat("<a>", depth))
        + string.Concat(Enumerable.Repeat("</a>", depth)) + "</project>";

    private async Task<(HttpStatusCode Status, string Message)> PostRefusedAsync(string url, byte[] body) =>
        await RefusedAsync(async () =>
        {
            using var client = AdminToken();
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/xml");
            using var response = await client.PostAsync(url, content);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        });
}
