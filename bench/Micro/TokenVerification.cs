using System.Text;
using BenchmarkDotNet.Attributes;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Users;

namespace JenkinsLite.Bench.Micro;

/// <summary>
/// What every token request pays, for 1, 10 and 100 tokens: a token used before (found through the token index,
/// one salted hash), the same behind an HTTP Basic header (decode, split, authenticate), and a wrong secret
/// (tried against each of the user's tokens, no early exit).
/// </summary>
[MemoryDiagnoser]
public class TokenVerification
{
    private const string WrongValue = "11" + "0123456789abcdef0123456789abcdef";

    private string _home = null!;
    private UserAccounts _users = null!;
    private string _token = null!;
    private string _header = null!;

    [Params(1, 10, 100)]
    public int TokensPerUser { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _home = Directory.CreateTempSubdirectory("jenkinslite-micro-").FullName;
        var home = new JenkinsHome(_home);
        _users = new UserAccounts(new JenkinsUserRepository(home, new HomeSecrets(home)), TimeProvider.System, () => ApiTokenSettings.Default);
        _users.CreateUser("alice", "alice-password", null);
        for (var i = 0; i < TokensPerUser; i++)
        {
            // The matching token last: every token is tried anyway, so its place must not matter.
            var created = _users.GenerateToken("alice", $"token {i}", null);
            _token = created.Token!.PlainValue;
        }

        _header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + _token));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _users.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    /// <summary>A token-shaped secret that matches none: every token is tried (only matches are remembered).</summary>
    [Benchmark]
    public async ValueTask<bool> WrongSecret() => (await _users.AuthenticateAsync("alice", WrongValue, passwordsAllowed: false)) is not null;

    [Benchmark]
    public async ValueTask<bool> Token() => (await _users.AuthenticateAsync("alice", _token, passwordsAllowed: true)) is not null;

    /// <summary>The header as CallerMiddleware takes it apart, then the same authentication.</summary>
    [Benchmark]
    public async ValueTask<bool> BasicHeader()
    {
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(_header[6..].Trim()));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return (await _users.AuthenticateAsync(decoded[..colon], decoded[(colon + 1)..], passwordsAllowed: true)) is not null;
    }
}
