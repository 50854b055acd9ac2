using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Tests.Home;
using JenkinsLite.Persistence.Users;

namespace JenkinsLite.Persistence.Tests.Users;

/// <summary>The user store over a test's home, wired as the server wires it: a repository with the home's secrets/, and accounts loaded from it.</summary>
internal static class TempHomeUsers
{
    /// <summary>A fresh repository, as after a restart; nothing is loaded yet.</summary>
    public static JenkinsUserRepository UserRepository(this TempHome home) => new(home.Home, new HomeSecrets(home.Home));

    /// <summary>Accounts over a fresh repository of <paramref name="home"/>, loaded as at server start.</summary>
    public static UserAccounts LoadAccounts(this TempHome home, TimeProvider? clock = null) =>
        home.UserRepository().LoadAccounts(clock);

    /// <summary>Accounts over <paramref name="repository"/>, loaded as at server start (default token settings).</summary>
    public static UserAccounts LoadAccounts(this JenkinsUserRepository repository, TimeProvider? clock = null)
    {
        var accounts = new UserAccounts(repository, clock ?? TimeProvider.System, () => ApiTokenSettings.Default);
        accounts.Reload();
        return accounts;
    }
}
