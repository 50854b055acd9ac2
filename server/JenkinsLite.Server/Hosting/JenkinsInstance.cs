using JenkinsLite.Core;
using JenkinsLite.Core.Security;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Config;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Users;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Hosting;

/// <summary>
/// One running home: its configuration and users (the users loaded in the background from the start), replaced as a whole by
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
        Passwords = new CachedPasswordVerifier(
            new PasswordHashLimiter(options.ConcurrentPasswordHashes, options.PasswordHashMaxWait, options.Clock), options.PasswordHashCheck);
        Users = new UserAccounts(UserRepository, options.Clock, () => _settings.ApiTokens, Passwords);
        Users.StartLoading();
        // Parsing every user file leaves far more garbage than users (a home of 10,000 users: about 90 MB of resident
        // memory for 30 MB of them); one compacting collection then gives it back to the system for good.
        Users.Loaded.ContinueWith(_ => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public ServerOptions Options { get; }

    /// <summary>Files of init.tokens.d that could not be applied, reported with the unreadable user files.</summary>
    public IReadOnlyList<UnreadableUserFile> UnreadableDeclarations { get; private set; } = [];

    /// <summary>Every data file that could not be read: users' and declared tokens'.</summary>
    public IReadOnlyList<UnreadableUserFile> Unreadable => [.. Users.Unreadable, .. UnreadableDeclarations];

    public CachedPasswordVerifier Passwords { get; }

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
        ApplyDeclaredTokens();
        Reloaded?.Invoke();
    }

    /// <summary>Raised after a successful <see cref="Reload"/>: the job registry and the views re-read the home.</summary>
    public event Action? Reloaded;

    public void ChangeApiTokenSettings(ApiTokenSettings settings)
    {
        _config.SaveApiTokenSettings(settings);
        _settings = _settings with { ApiTokens = settings };
    }

    /// <summary>
    /// Applies init.tokens.d at start (once the audit log listens) and on reload: idempotent, so an unchanged declaration writes nothing. A file
    /// that is invalid, or whose user is not a service account, changes nothing and is reported.
    /// </summary>
    public void ApplyDeclaredTokens()
    {
        var (declared, unreadable) = DeclaredTokenFiles.Load(Home);
        var problems = unreadable.ToList();
        using var audited = TokenAuditTrail.Because(TokenAuditEvents.Declared, systemActor: "SYSTEM");
        foreach (var token in declared)
        {
            var result = token.ApplyTo(Users);
            if (result.Outcome is not (TokenChange.Done or TokenChange.Unchanged))
            {
                problems.Add(new UnreadableUserFile(token.UserId, token.Source, result.Outcome switch
                {
                    TokenChange.NotServiceAccount => $"user '{token.UserId}' exists and is not a service account",
                    TokenChange.NotAllowed => $"the file of user '{token.UserId}' cannot be read",
                    var other => $"the token could not be declared ({other})",
                }, null, null));
            }
        }

        UnreadableDeclarations = problems;
    }

    private sealed record Settings(SecurityConfiguration Security, ApiTokenSettings ApiTokens);
}
