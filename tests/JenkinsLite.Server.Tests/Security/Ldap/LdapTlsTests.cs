using System.Diagnostics;
using System.Net;

namespace JenkinsLite.Server.Tests.Security.Ldap;

/// <summary>
/// ldaps:// and StartTLS against a slapd whose certificate is signed by a CA this test makes with openssl:
/// trusted through the documented <c>caCertificatesDirectory</c>, refused when another CA is named, and
/// never retried in plain text.
/// </summary>
[NonParallelizable]
internal sealed class LdapTlsTests
{
    private string _folder = null!;
    private SlapdServer _directory = null!;

    private string TrustedFolder => Path.Combine(_folder, "trusted");

    private string OtherFolder => Path.Combine(_folder, "other");

    [OneTimeSetUp]
    public async Task StartDirectoryWithTls()
    {
        _folder = Directory.CreateTempSubdirectory("jenkinslite-tls-").FullName;
        Directory.CreateDirectory(TrustedFolder);
        Directory.CreateDirectory(OtherFolder);
        await OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=JenkinsLite Test CA",
            "-keyout", "ca.key", "-out", "trusted/ca.pem");
        await OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Some Other CA",
            "-keyout", "other.key", "-out", "other/ca.pem");
        await OpenSslAsync("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr");
        await File.WriteAllTextAsync(Path.Combine(_folder, "san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        await OpenSslAsync("x509", "-req", "-in", "server.csr", "-CA", "trusted/ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "2", "-extfile", "san.cnf", "-out", "server.pem");
        _directory = await SlapdServer.StartAsync(new SlapdServer.TlsFiles(
            Path.Combine(TrustedFolder, "ca.pem"), Path.Combine(_folder, "server.pem"), Path.Combine(_folder, "server.key")));
    }

    [OneTimeTearDown]
    public async Task StopDirectory()
    {
        await _directory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Ldaps_CaTrustedByTheSetting_SignsIn()
    {
        await using var server = await LdapHome.StartAsync($"ldaps://127.0.0.1:{_directory.LdapsPort}", extra: Trust(TrustedFolder));
        using var alice = server.Client("alice", "alice-directory-pw");

        using var response = await alice.GetAsync("whoAmI/api/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), server.Log.AllText);
    }

    [Test]
    public async Task StartTls_CaTrustedByTheSetting_SignsIn()
    {
        await using var server = await LdapHome.StartAsync(_directory.Url, extra: Trust(TrustedFolder) + "<startTls>true</startTls>");
        using var alice = server.Client("alice", "alice-directory-pw");

        using var response = await alice.GetAsync("whoAmI/api/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), server.Log.AllText);
    }

    [Test]
    public async Task PlainLdap_ServerRequiringTls_RefusesThePasswordBind()
    {
        // Shows the server of these tests refuses passwords in plain text, so the StartTLS test's success means TLS.
        await using var server = await LdapHome.StartAsync(_directory.Url);
        using var alice = server.Client("alice", "alice-directory-pw");

        using var response = await alice.GetAsync("whoAmI/api/json");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(server.Log.AllText, Does.Contain("onfidentiality"));
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task UntrustedCa_SignInRefusedWithAClearReason_NoPlainTextFallback(bool startTls)
    {
        // Arrange
        var url = startTls ? _directory.Url : $"ldaps://127.0.0.1:{_directory.LdapsPort}";
        var extra = Trust(OtherFolder) + (startTls ? "<startTls>true</startTls>" : string.Empty);
        await using var server = await LdapHome.StartAsync(url, extra: extra);
        using var alice = server.Client("alice", "alice-directory-pw");

        // Act
        using var response = await alice.GetAsync("whoAmI/api/json");

        // Assert
        var down = server.Log.Lines.Where(l => l.Text.Contains("LDAP directory cannot be reached", StringComparison.Ordinal)).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("cannot be reached"));
            Assert.That(down, Has.Count.EqualTo(1), server.Log.AllText);
            Assert.That(down.Single().Text, Does.Contain("certificate is not trusted"), "the log says why");
        });
    }

    private static string Trust(string folder) => $"<caCertificatesDirectory>{folder}</caCertificatesDirectory>";

    private async Task OpenSslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = _folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        Assert.That(process.ExitCode, Is.Zero, errors);
    }
}
