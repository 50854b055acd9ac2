using System.Net;
using System.Text;
using JenkinsLite.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Infrastructure;

/// <summary>
/// A real JenkinsLite on a loopback port with a temporary home, which can be restarted on the same home.
/// It remembers every secret the tests made, to prove none of them reaches the home or the log (SEC-38):
/// the server logs every category at the most verbose level, so whatever a user could switch on is searched too.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly List<string> _secrets = [];
    private readonly List<string> _logOnlySecrets = [];
    private WebApplication? _app;

    private readonly bool _defaultLogLevels;

    private TestServer(string home, Func<ServerOptions, ServerOptions>? configure, bool defaultLogLevels)
    {
        Home = home;
        Configure = configure ?? (o => o);
        _defaultLogLevels = defaultLogLevels;
    }

    public string Home { get; }

    public Uri BaseUri { get; private set; } = null!;

    public CapturingLoggerProvider Log { get; } = new();

    /// <summary>The password of the seeded admin (null for fixture homes, which bring their own users).</summary>
    public string? AdminPassword { get; private set; }

    public JenkinsInstanceProbe Probe => new(_app!);

    private Func<ServerOptions, ServerOptions> Configure { get; }

    /// <summary>A server on a fresh home seeded from the repository's config.xml and jobs/.</summary>
    public static Task<TestServer> StartSeededAsync(Func<ServerOptions, ServerOptions>? configure = null) =>
        StartAsync(NewTempHome(), configure);

    /// <summary>A seeded server logging as it does for its users (the server's default filters), not at Trace.</summary>
    public static Task<TestServer> StartSeededWithDefaultLogLevelsAsync(Func<ServerOptions, ServerOptions>? configure = null) =>
        StartAsync(NewTempHome(), configure, defaultLogLevels: true);

    /// <summary>A server on a copy of a folder of shared/fixtures/jenkins (or any home folder).</summary>
    public static Task<TestServer> StartOnCopyOfAsync(string sourceHome, Func<ServerOptions, ServerOptions>? configure = null)
    {
        var home = NewTempHome();
        CopyFolder(sourceHome, home);
        return StartAsync(home, configure);
    }

    /// <summary>
    /// A root config.xml with matrix-auth's global matrix: admin administers, every signed-in user has
    /// Overall/Read, plus <paramref name="extraGrants"/> (each a &lt;permission&gt; text, e.g. <c>USER:hudson.model.Item.Read:alice</c>).
    /// </summary>
    public static string MatrixConfig(params string[] extraGrants) =>
        $"""
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson>
          <useSecurity>true</useSecurity>
          <authorizationStrategy class="hudson.security.GlobalMatrixAuthorizationStrategy">
            <permission>USER:hudson.model.Hudson.Administer:admin</permission>
            <permission>GROUP:hudson.model.Hudson.Read:authenticated</permission>
        {string.Concat(extraGrants.Select(g => $"    <permission>{g}</permission>\n"))}  </authorizationStrategy>
          <securityRealm class="hudson.security.HudsonPrivateSecurityRealm">
            <disableSignup>true</disableSignup>
          </securityRealm>
          <crumbIssuer class="hudson.security.csrf.DefaultCrumbIssuer"/>
        </hudson>
        """;

    /// <summary>A server on a fresh home whose config.xml is <paramref name="configXml"/> (the initial admin is created).</summary>
    public static Task<TestServer> StartWithConfigAsync(string configXml, Func<ServerOptions, ServerOptions>? configure = null)
    {
        var home = NewTempHome();
        File.WriteAllText(Path.Combine(home, "config.xml"), configXml);
        return StartAsync(home, configure);
    }

    public static string FixtureHome(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "jenkins", relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException($"shared/fixtures/jenkins/{relative} was not found above {AppContext.BaseDirectory}");
    }

    public void RememberSecret(string secret) => _secrets.Add(secret);

    /// <summary>A secret Jenkins keeps in the home by design (a job's trigger token, the initial admin password): searched in the log only.</summary>
    public void RememberLogOnlySecret(string secret) => _logOnlySecrets.Add(secret);

    public HttpClient Client(string? user = null, string? secret = null, bool cookies = false)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies, CookieContainer = new CookieContainer() };
        var client = new HttpClient(new SecretRecorder(this) { InnerHandler = handler }) { BaseAddress = BaseUri };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        }

        return client;
    }

    /// <summary>The scripted way users get a token: crumb and session with the password, then generateNewToken; the value is remembered as a secret.</summary>
    public async Task<(string Value, string Uuid)> GenerateTokenAsync(string user, string password, string? name = null, string? expirationDuration = null)
    {
        using var client = Client(user, password, cookies: true);
        using var crumbResponse = await client.GetAsync("crumbIssuer/api/json");
        var crumb = JObject.Parse(await crumbResponse.Content.ReadAsStringAsync())["crumb"]!.ToString();
        var form = new Dictionary<string, string>();
        if (name is not null)
        {
            form["newTokenName"] = name;
        }

        if (expirationDuration is not null)
        {
            form["expirationDuration"] = expirationDuration;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"user/{user}/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken")
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Add("Jenkins-Crumb", crumb);
        using var response = await client.SendAsync(request);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body["status"]?.ToString(), Is.EqualTo("ok"), body.ToString());
        var value = body["data"]!["tokenValue"]!.ToString();
        RememberSecret(value);
        return (value, body["data"]!["tokenUuid"]!.ToString());
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAppAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Fails when a secret the tests made (or its Basic header form) is in any home file or log line.</summary>
    public void AssertNoSecretLeaks()
    {
        var leaks = FindSecretLeaks();
        SecretLeakReport.Record(_secrets.Concat(_logOnlySecrets), leaks.Count);
        Assert.That(leaks, Is.Empty);
    }

    /// <summary>Where the remembered secrets are found: one line per secret and place.</summary>
    public IReadOnlyList<string> FindSecretLeaks()
    {
        var needles = Needles(_secrets);
        var leaks = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Home, "*", SearchOption.AllDirectories))
        {
            string text;
            try
            {
                text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            }
            catch (IOException) when (file.EndsWith(JenkinsLite.Persistence.Home.AtomicFile.TempSuffix, StringComparison.Ordinal))
            {
                continue; // a write in progress; its content lands in the target, which is read too
            }

            leaks.AddRange(needles.Where(n => text.Contains(n, StringComparison.Ordinal)).Select(n => $"{Path.GetRelativePath(Home, file)} contains a secret"));
        }

        // One pass over the log for all secrets at once (it is long: every category logs at Trace).
        var log = Log.AllText;
        var logNeedles = Needles(_secrets.Concat(_logOnlySecrets));
        if (logNeedles.Count > 0 && log.AsSpan().IndexOfAny(System.Buffers.SearchValues.Create((ReadOnlySpan<string>)[.. logNeedles], StringComparison.Ordinal)) >= 0)
        {
            leaks.AddRange(logNeedles.Where(n => log.Contains(n, StringComparison.Ordinal)).Select(_ => "the server log contains a secret"));
        }

        return leaks;
    }

    /// <summary>Stops the server, checks once more (shutdown lines included) that no secret leaked, and removes the home.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            AssertNoSecretLeaks();
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    private static async Task<TestServer> StartAsync(string home, Func<ServerOptions, ServerOptions>? configure, bool defaultLogLevels = false)
    {
        var server = new TestServer(home, configure, defaultLogLevels);
        await server.StartAppAsync();
        return server;
    }

    private async Task StartAppAsync()
    {
        var options = Configure(new ServerOptions
        {
            HomePath = Home,
            HttpPort = 0,
            SeedFolder = Path.Combine(AppContext.BaseDirectory, "seed-home"),
            StatsFlushInterval = TimeSpan.FromMilliseconds(200),
        });
        _app = JenkinsLiteApp.Build(options, logging =>
        {
            logging.ClearProviders().AddProvider(Log);
            if (!_defaultLogLevels)
            {
                // Every category at Trace, the framework's request lines included: no filter of the server's applies.
                logging.SetMinimumLevel(LogLevel.Trace).Services.Configure<LoggerFilterOptions>(filters => filters.Rules.Clear());
            }
        });
        if (AdminPassword is null && JenkinsLiteApp.CreateInitialAdmin(_app) is { } password)
        {
            AdminPassword = password;
            RememberLogOnlySecret(password); // Jenkins writes it to secrets/initialAdminPassword
        }

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private static List<string> Needles(IEnumerable<string> secrets) =>
        secrets.SelectMany(s => new[] { s, Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) }).Distinct().ToList();

    private static string NewTempHome() =>
        Directory.CreateTempSubdirectory("jenkinslite-test-").FullName;

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>Remembers the secrets that pass through a test client: crumbs it is issued, trigger tokens it sends.</summary>
    private sealed class SecretRecorder(TestServer server) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri?.Query ?? string.Empty);
            if (query["token"] is { Length: > 0 } triggerToken)
            {
                server.RememberLogOnlySecret(triggerToken); // a job's config.xml keeps it, as Jenkins' does
            }

            var response = await base.SendAsync(request, cancellationToken);
            // HEAD answers carry no body to read a crumb from.
            if (request.Method != HttpMethod.Head
                && request.RequestUri?.AbsolutePath.Contains("/crumbIssuer/api/json", StringComparison.Ordinal) == true && response.IsSuccessStatusCode)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                if (JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken))["crumb"]?.ToString() is { Length: > 0 } crumb)
                {
                    server.RememberSecret(crumb);
                }
            }

            return response;
        }
    }
}
