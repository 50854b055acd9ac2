using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

// The least an HTTP server on ASP.NET Core can do for the benchmark's questions, so JenkinsLite's figures
// become ratios that do not drift with the machine's load:
//   GET /whoAmI/api/json           HTTP Basic, one salted SHA-256 of the secret, a constant-time compare, a small JSON
//   GET /password/whoAmI/api/json  the same with one bcrypt of the password, as a password check costs uncached
//   GET /bytes/{name}              the bytes of <BENCH_BYTES_DIR>/{name}, read once (JenkinsLite's own answers, saved)
// Configured by environment: BENCH_PORT, BENCH_USER, BENCH_TOKEN, BENCH_PASSWORD, BENCH_BYTES_DIR.
var port = int.Parse(Environment.GetEnvironmentVariable("BENCH_PORT") ?? "18090", System.Globalization.CultureInfo.InvariantCulture);
var userName = Environment.GetEnvironmentVariable("BENCH_USER") ?? "admin";
var token = Environment.GetEnvironmentVariable("BENCH_TOKEN") ?? "";
var password = Environment.GetEnvironmentVariable("BENCH_PASSWORD") ?? "";
var bytesFolder = Environment.GetEnvironmentVariable("BENCH_BYTES_DIR") ?? ".";

var salt = RandomNumberGenerator.GetBytes(16);
var tokenDigest = SaltedDigest(salt, Encoding.ASCII.GetBytes(token));
// The cost JenkinsLite gives new password hashes (PasswordHash.NewHashCost), in Jenkins' $2a$ form.
var passwordHash = BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(10, 'a'));
var files = new ConcurrentDictionary<string, byte[]?>(StringComparer.Ordinal);

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port);
});
var app = builder.Build();

app.MapGet("/whoAmI/api/json", (HttpContext context) =>
    Answer(context, secret => CryptographicOperations.FixedTimeEquals(tokenDigest, SaltedDigest(salt, Encoding.ASCII.GetBytes(secret)))));
app.MapGet("/password/whoAmI/api/json", (HttpContext context) =>
    Answer(context, secret => BCrypt.Net.BCrypt.Verify(secret, passwordHash)));
app.MapGet("/bytes/{name}", (string name) =>
    files.GetOrAdd(name, n => n.Contains('/', StringComparison.Ordinal) || n.StartsWith('.') ? null : ReadOrNull(Path.Combine(bytesFolder, n)))
        is { } bytes ? Results.Bytes(bytes, "application/json;charset=utf-8") : Results.NotFound());
app.Run();

IResult Answer(HttpContext context, Func<string, bool> secretMatches)
{
    var header = context.Request.Headers.Authorization.ToString();
    if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
    {
        return Results.Unauthorized();
    }

    var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
    if (colon < 0 || decoded[..colon] != userName || !secretMatches(decoded[(colon + 1)..]))
    {
        return Results.Unauthorized();
    }

    return Results.Json(new WhoAmI(userName), WhoAmIJson.Default.WhoAmI);
}

static byte[] SaltedDigest(byte[] salt, byte[] secret)
{
    var input = new byte[salt.Length + secret.Length];
    salt.CopyTo(input, 0);
    secret.CopyTo(input, salt.Length);
    return SHA256.HashData(input);
}

static byte[]? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

internal sealed record WhoAmI(
    [property: System.Text.Json.Serialization.JsonPropertyName("_class")] string Class,
    bool Anonymous,
    bool Authenticated,
    IReadOnlyList<string> Authorities,
    string Name)
{
    public WhoAmI(string name)
        : this("hudson.security.WhoAmI", false, true, ["authenticated"], name)
    {
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(WhoAmI))]
internal sealed partial class WhoAmIJson : System.Text.Json.Serialization.JsonSerializerContext;
