using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Security.Ldap;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Security.Ldap;

/// <summary>
/// The realm config.xml names, for everything that signs people in: Jenkins' own user database, or an LDAP
/// directory (<see cref="DirectoryRealm"/>), rebuilt when a reload brings other LDAP settings.
/// </summary>
internal sealed class SignInRealm(JenkinsInstance instance, ILogger<LdapDirectory> logger)
{
    private readonly Lock _gate = new();
    private volatile Current? _current;

    /// <summary>Token first, then password, against whichever realm is configured; completes synchronously for a token.</summary>
    public ValueTask<AuthenticationResult> AuthenticateAsync(string userName, string secret, bool countTokenUse, CancellationToken cancellationToken) =>
        Directory() is { } directory
            ? directory.AuthenticateAsync(userName, secret, countTokenUse, cancellationToken)
            : instance.Users.AuthenticateAsync(userName, secret, instance.Security.PrivateUserDatabase, countTokenUse, cancellationToken);

    /// <summary>Whether the realm still knows a signed-in user, and their groups; Jenkins' own database knows every local user.</summary>
    public DirectoryAnswer Check(User user) =>
        Directory() is { } directory
            ? directory.Check(user.Id)
            : new DirectoryAnswer.Found(new DirectoryUser(user.Id, user.FullName, null, []));

    /// <summary>Local users with tokens the configured realm does not know; none for Jenkins' own database.</summary>
    public IReadOnlyList<User> UnknownUsersWithTokens() => Directory()?.UsersTheDirectoryDoesNotKnow() ?? [];

    private DirectoryRealm? Directory()
    {
        var settings = instance.Security.Ldap;
        if (settings is null)
        {
            return null;
        }

        var current = _current;
        if (current is not null && ReferenceEquals(current.Settings, settings))
        {
            return current.Realm;
        }

        lock (_gate)
        {
            if (_current is null || !ReferenceEquals(_current.Settings, settings))
            {
                _current = new Current(settings, new DirectoryRealm(new LdapDirectory(settings, logger), instance.Users, settings.Cache, instance.Options.Clock));
            }

            return _current.Realm;
        }
    }

    private sealed record Current(LdapRealm Settings, DirectoryRealm Realm);
}
