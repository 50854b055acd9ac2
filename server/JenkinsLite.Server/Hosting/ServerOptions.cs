namespace JenkinsLite.Server.Hosting;

/// <summary>How one server is started: from the command line for people, from code for the tests.</summary>
public sealed record ServerOptions
{
    /// <summary>The version reported in X-Jenkins and by the CLI (README explains the choice).</summary>
    public const string JenkinsVersion = "2.555.1";

    public required string HomePath { get; init; }

    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>0 lets the system choose (tests).</summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary>Where the default home is seeded from: the repository's config.xml and jobs/.</summary>
    public string SeedFolder { get; init; } = Path.Combine(AppContext.BaseDirectory, "seed-home");

    /// <summary>How often token usage statistics are written (decisions.md #6: at most 5 s).</summary>
    public TimeSpan StatsFlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed sign-ins for one user from one client address before it is slowed down.</summary>
    public int FailuresBeforeThrottle { get; init; } = 10;

    /// <summary>The window in which those failures are counted, and how long the client then waits.</summary>
    public TimeSpan ThrottleWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Password hashes (bcrypt, PBKDF2) that may run at once: half the processors, at least one, so a flood of
    /// wrong passwords leaves the other half to token requests and builds. More than the processors would not
    /// check passwords any faster, since a hash is all CPU; a remembered password never waits.
    /// </summary>
    public int ConcurrentPasswordHashes { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long a password check waits for its turn before the request is answered 503 with Retry-After.</summary>
    public TimeSpan PasswordHashMaxWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The hash check behind every password (stored hash, password); tests slow it down to hold every slot.</summary>
    internal Func<string, string, bool> PasswordHashCheck { get; init; } = JenkinsLite.Core.Security.Passwords.PasswordHash.Verify;

    /// <summary>Admins may create tokens for other users (Jenkins' adminCanGenerateNewTokens).</summary>
    public bool AdminCanGenerateNewTokens { get; init; }

    /// <summary>Admins may see other users' legacy token (Jenkins' showTokenToAdmins).</summary>
    public bool ShowLegacyTokenToAdmins { get; init; }

    /// <summary>bubblewrap, which sandboxes builds (decisions.md #16): a bare name is searched on PATH; tests name a missing file.</summary>
    public string BubblewrapPath { get; init; } = "bwrap";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Jenkins' adminInitialApiToken: a value ("11" + 32 hex), <c>@FILE</c> holding one, or <c>generate</c>; on a new
    /// home only, the initial admin gets it as "Initial token" (token-governance.md section 5).
    /// </summary>
    public string? AdminInitialApiToken { get; init; }

    /// <summary>The limits of CLI sessions (pairing, START, idle upload, WebSocket pings, sessions per address).</summary>
    public JenkinsLite.Server.Cli.CliTimeouts Cli { get; init; } = new();
}
