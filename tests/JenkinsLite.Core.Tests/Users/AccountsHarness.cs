using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Tests.Security.ApiTokens;
using JenkinsLite.Core.Users;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Core.Tests.Users;

/// <summary><see cref="UserAccounts"/> over a <see cref="FakeUserRepository"/> and a frozen clock.</summary>
internal sealed class AccountsHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The creation date of the real Jenkins token of api-tokens.md 3.2.</summary>
    public static readonly DateTimeOffset JenkinsCreation = new(2022, 8, 18, 9, 50, 55, 535, TimeSpan.Zero);

    public AccountsHarness()
    {
        Accounts = new UserAccounts(Repository, Clock, () => Settings);
    }

    public FakeUserRepository Repository { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public ApiTokenSettings Settings { get; set; } = ApiTokenSettings.Default;

    public UserAccounts Accounts { get; }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>A token as a Jenkins home stores it: SHA-256 of the secret, no salt.</summary>
    public static HashedToken JenkinsToken(string uuid, string name, string version, string hashHex,
        DateTimeOffset? created = null, DateOnly? expiration = null) =>
        new(uuid, name, created, expiration, new TokenHash(version, hashHex, null));

    /// <summary>The gold v11 token of api-tokens.md 5.2 as Jenkins stored it.</summary>
    public static HashedToken JenkinsGoldToken(DateOnly? expiration = null) =>
        JenkinsToken("d987d752-b057-430e-b701-622872e79196", "ci-bot", TokenHash.JenkinsVersion, TokenGold.NewTokenHash,
            JenkinsCreation, expiration);

    public static HashedToken SaltedToken(string uuid, string name, string secret, DateOnly? expiration = null) =>
        new(uuid, name, Start.AddDays(-1), expiration, TokenHash.Salted(secret, legacy: false));

    /// <summary>Puts a user on the fake disk and reloads, as the server does at start-up.</summary>
    public User AddUser(string id, params HashedToken[] tokens) =>
        AddUser(new User(id, id, null, TokenGold.PasswordHash, ApiTokenStore.Of(tokens), null));

    public User AddUser(User user)
    {
        Repository.Put(user);
        Accounts.Reload();
        return Accounts.Find(user.Id)!;
    }

    /// <summary>A user whose &lt;apiToken&gt; holds <paramref name="plainSecret"/>, with the entry derived from it.</summary>
    public User AddLegacyUser(string id, string plainSecret, params HashedToken[] tokens)
    {
        var legacy = new LegacyApiToken(plainSecret, "{stored ciphertext}");
        var store = ApiTokenStore.Of(tokens).Add(UserAccounts.LegacyEntry(legacy, creationDate: null));
        return AddUser(new User(id, id, null, TokenGold.PasswordHash, store, legacy));
    }

    /// <summary>Token check only: no bcrypt, so it is cheap enough to call many times.</summary>
    public bool TokenWorks(string userId, string secret) =>
        Completed(Accounts.AuthenticateAsync(userId, secret, passwordsAllowed: false)) is AuthenticationResult.ByToken;

    public bool PasswordWorks(string userId, string password) =>
        Completed(Accounts.AuthenticateAsync(userId, password, passwordsAllowed: true)) is AuthenticationResult.ByPassword;

    public void Dispose() => Accounts.Dispose();

    // The direct verifier never waits, so a check here has completed by the time it returns.
    private static AuthenticationResult Completed(ValueTask<AuthenticationResult> check) =>
        check.IsCompletedSuccessfully ? check.Result : throw new InvalidOperationException("A password check waited.");
}
