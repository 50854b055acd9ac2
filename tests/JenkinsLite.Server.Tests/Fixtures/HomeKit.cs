using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Fixtures;

/// <summary>
/// Helpers for the tests that start servers on hand-made or fixture homes (Fixtures/ and Home/): staging a
/// home before the server starts, finding a user's file, and the HTTP calls a script makes.
/// </summary>
internal static partial class HomeKit
{
    public const string TokenBase = "descriptorByName/jenkins.security.ApiTokenProperty";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Starts a server on a copy of a home prepared by <paramref name="prepare"/> in a staging folder, itself
    /// seeded from <paramref name="fixture"/> (a folder of shared/fixtures/jenkins) when given.
    /// </summary>
    public static async Task<TestServer> StartOnStagedAsync(string? fixture, Action<string> prepare)
    {
        var staging = Directory.CreateTempSubdirectory("jenkinslite-stage-").FullName;
        try
        {
            if (fixture is not null)
            {
                CopyFolder(TestServer.FixtureHome(fixture), staging);
            }

            prepare(staging);
            return await TestServer.StartOnCopyOfAsync(staging);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The repository's own root config.xml (the one a fresh home is seeded from).</summary>
    public static string RepositoryConfigXml()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JenkinsLite.sln")) && File.Exists(Path.Combine(dir.FullName, "config.xml")))
            {
                return Path.Combine(dir.FullName, "config.xml");
            }

            dir = dir.Parent;
        }

        throw new FileNotFoundException($"the repository's config.xml was not found above {AppContext.BaseDirectory}");
    }

    public static void WriteText(string home, string relative, string text)
    {
        var path = Path.Combine(home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8NoBom);
    }

    /// <summary>The config.xml of a user: by <c>&lt;id&gt;</c>, else by folder name (homes before 2.150 have no id).</summary>
    public static string UserConfigPath(string home, string userId)
    {
        var files = Directory.EnumerateDirectories(Path.Combine(home, "users"))
            .Select(d => Path.Combine(d, "config.xml"))
            .Where(File.Exists)
            .ToList();
        var byId = files.Where(f => File.ReadAllText(f).Contains($"<id>{userId}</id>", StringComparison.Ordinal)).ToList();
        if (byId.Count == 1)
        {
            return byId[0];
        }

        return files.Single(f => string.Equals(Path.GetFileName(Path.GetDirectoryName(f)), userId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Parses a Jenkins XML file the way a reader that accepts XML 1.1 would.</summary>
    public static XDocument LoadXml(string path)
    {
        var text = XmlVersion11().Replace(File.ReadAllText(path, Encoding.UTF8), "${1}1.0$2", 1);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CheckCharacters = false };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        return XDocument.Load(reader);
    }

    /// <summary>The first element named <paramref name="name"/> anywhere in the document, as text without layout.</summary>
    public static string? ElementText(XDocument document, string name) =>
        document.Descendants(name).FirstOrDefault()?.ToString(SaveOptions.DisableFormatting);

    /// <summary>The stored hashed token with that uuid.</summary>
    public static XElement? HashedToken(XDocument document, string uuid) =>
        document.Descendants("jenkins.security.apitoken.ApiTokenStore_-HashedToken")
            .SingleOrDefault(t => t.Element("uuid")?.Value == uuid);

    /// <summary>"11" and 32 random hex characters: the shape of a token nobody holds.</summary>
    public static string RandomTokenShapedValue() => "11" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string RandomPassword() => "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static async Task<(HttpStatusCode Status, string Body)> WhoAmIAsync(TestServer server, string? user, string? secret)
    {
        using var client = server.Client(user, secret);
        using var response = await client.GetAsync("whoAmI/api/json");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpStatusCode> WhoAmIStatusAsync(TestServer server, string user, string secret) =>
        (await WhoAmIAsync(server, user, secret)).Status;

    public static async Task<string> CrumbAsync(HttpClient client)
    {
        using var response = await client.GetAsync("crumbIssuer/api/json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JObject.Parse(await response.Content.ReadAsStringAsync())["crumb"]!.ToString();
    }

    public static async Task<JObject> JsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JObject.Parse(text);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] form) =>
        await client.PostAsync(url, new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))));

    /// <summary>POST with the password: crumb and session first, as Jenkins requires of password callers.</summary>
    public static async Task<HttpResponseMessage> PostWithPasswordAsync(TestServer server, string user, string password, string url,
        params (string Key, string Value)[] form)
    {
        using var client = server.Client(user, password, cookies: true);
        var crumb = await CrumbAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))),
        };
        request.Headers.Add("Jenkins-Crumb", crumb);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>generateNewToken with the password (crumb and session); the value is remembered as a secret.</summary>
    public static async Task<(string Value, string Uuid)> GenerateTokenWithPasswordAsync(TestServer server, string user, string password, string name)
    {
        using var response = await PostWithPasswordAsync(server, user, password, $"user/{user}/{TokenBase}/generateNewToken", ("newTokenName", name));
        return await ReadNewTokenAsync(server, response);
    }

    /// <summary>generateNewToken authenticated by a token (no crumb needed); the value is remembered as a secret.</summary>
    public static async Task<(string Value, string Uuid)> GenerateTokenWithTokenAsync(TestServer server, string user, string token, string name)
    {
        using var client = server.Client(user, token);
        using var response = await PostAsync(client, $"user/{user}/{TokenBase}/generateNewToken", ("newTokenName", name));
        return await ReadNewTokenAsync(server, response);
    }

    /// <summary>The token list of <paramref name="ofUser"/> as seen by the caller.</summary>
    public static async Task<List<JToken>> TokensAsync(TestServer server, string user, string secret, string ofUser)
    {
        using var client = server.Client(user, secret);
        var body = await JsonAsync(client, $"user/{ofUser}/api/json");
        return body["property"]!.Single(p => p["_class"]!.ToString() == "jenkins.security.ApiTokenProperty")["tokens"]!.ToList();
    }

    public static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static async Task<(string Value, string Uuid)> ReadNewTokenAsync(TestServer server, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var body = JObject.Parse(text);
        Assert.That(body["status"]?.ToString(), Is.EqualTo("ok"), text);
        var value = body["data"]!["tokenValue"]!.ToString();
        server.RememberSecret(value);
        return (value, body["data"]!["tokenUuid"]!.ToString());
    }

    [GeneratedRegex("""^(\s*<\?xml\s+version\s*=\s*['"])1\.1(['"])""")]
    private static partial Regex XmlVersion11();
}
