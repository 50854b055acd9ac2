using JenkinsLite.Core;
using JenkinsLite.Core.Security;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Config;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Users;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Hosting;

/// <summary>
/// One running home: its configuration and users, loaded at start and replaced as a whole by
/// <see cref="Reload"/>, which keeps the previous state when a file does not parse.
/// </summary>
internal sealed class JenkinsInstance
{
    private readonly JenkinsConfigRepository _config;
    private volatile Settings _settings;

    public JenkinsInstance(ServerOptions options)
    {
        Options = options;
        Home = new JenkinsHome(options.HomePath);
        Secrets = new HomeSecrets(Home.Root);
        _config = new JenkinsConfigRepository(Home, Secrets);
        _settings = new Settings(_config.LoadSecurity(), _config.LoadApiTokenSettings());
        UserRepository = new JenkinsUserRepository(Home, Secrets);
        Users = new UserAccounts(UserRepository, options.Clock, () => _settings.ApiTokens, Passwords);
        Users.Reload();
    }

    public ServerOptions Options { get; }

    public CachedPasswordVerifier Passwords { get; } = new();

    public JenkinsHome Home { get; }

    public HomeSecrets Secrets { get; }

    public UserAccounts Users { get; }

    /// <summary>The users folder; files of ours kept beside Jenkins' own in a user's folder find it here.</summary>
    public JenkinsUserRepository UserRepository { get; }

    public SecurityConfiguration Security => _settings.Security;

    public ApiTokenSettings ApiTokens => _settings.ApiTokens;

    /// <summary>Re-reads config.xml, the token settings and the users; throws <see cref="HomeDataException"/> and changes nothing when config does not parse.</summary>
    public void Reload()
    {
        var settings = new Settings(_config.LoadSecurity(), _config.LoadApiTokenSettings());
        _settings = settings;
        Users.Reload();
        Reloaded?.Invoke();
    }

    /// <summary>Raised after a successful <see cref="Reload"/>: the job registry and the views re-read the home.</summary>
    public event Action? Reloaded;

    public void ChangeApiTokenSettings(ApiTokenSettings settings)
    {
        _config.SaveApiTokenSettings(settings);
        _settings = _settings with { ApiTokens = settings };
    }

    private sealed record Settings(SecurityConfiguration Security, ApiTokenSettings ApiTokens);
}
