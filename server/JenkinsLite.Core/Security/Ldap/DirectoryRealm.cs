using System.Collections.Concurrent;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.Ldap;

/// <summary>
/// Signs people in against a directory while their API tokens stay local, as Jenkins' LDAP realm does:
/// a password is checked by binding as the user; a token is checked against the user's local record with
/// no bind, and the user's existence and groups come from the directory through a bounded cache. A user
/// removed from the directory (or from a group) loses that access once their entry is older than the
/// cache's time to live; while the directory is down, entries within that window keep answering.
/// </summary>
public sealed class DirectoryRealm(IDirectory directory, UserAccounts users, DirectoryCacheSettings cache, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <summary>Jenkins' HTTP Basic order: the secret as a local API token first, then as the directory password.</summary>
    public async ValueTask<AuthenticationResult> AuthenticateAsync(string userName, string secret, bool countTokenUse, CancellationToken cancellationToken = default)
    {
        var local = await users.AuthenticateAsync(userName, secret, passwordsAllowed: false, countTokenUse, cancellationToken);
        switch (local)
        {
            case AuthenticationResult.ByToken byToken:
                return Check(byToken.User.Id) switch
                {
                    DirectoryAnswer.Found found => byToken with { Groups = found.User.Groups },
                    DirectoryAnswer.Unavailable => new AuthenticationResult.Failed(AuthenticationFailure.DirectoryUnavailable),
                    _ => new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials),
                };
            case AuthenticationResult.Failed { Reason: AuthenticationFailure.UserUnreadable or AuthenticationFailure.TokenExpired }:
                return local;
        }

        if (!IsAcceptableId(userName) || secret.Length == 0)
        {
            return new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials);
        }

        switch (directory.SignIn(userName.Trim(), secret))
        {
            case DirectoryAnswer.Found found:
                Remember(found.User);
                var user = users.EnsureExternalUser(found.User.Id, found.User.DisplayName);
                return user is null
                    ? new AuthenticationResult.Failed(AuthenticationFailure.UserUnreadable)
                    : new AuthenticationResult.ByPassword(user) { Groups = found.User.Groups };
            case DirectoryAnswer.Unavailable:
                return new AuthenticationResult.Failed(AuthenticationFailure.DirectoryUnavailable);
            default:
                return new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials);
        }
    }

    /// <summary>
    /// The user as the directory last described them, asked again once the entry is older than the time to
    /// live. An entry within the window answers even while the directory is down.
    /// </summary>
    public DirectoryAnswer Check(string userId)
    {
        var key = UserId.KeyFor(userId);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && now - entry.FetchedAt < cache.TimeToLive)
        {
            return new DirectoryAnswer.Found(entry.User);
        }

        var answer = directory.Find(userId);
        switch (answer)
        {
            case DirectoryAnswer.Found found:
                Remember(found.User);
                break;
            case DirectoryAnswer.NoSuchUser:
                _entries.TryRemove(key, out _);
                break;
        }

        return answer;
    }

    /// <summary>
    /// Local users with API tokens whom the directory does not know (after a switch from Jenkins' own database,
    /// say): reported to admins, never deleted. A user the directory cannot answer for now is not listed.
    /// </summary>
    public IReadOnlyList<User> UsersTheDirectoryDoesNotKnow() =>
        [.. users.All.Where(u => u.Tokens.Tokens.Length > 0 && Check(u.Id) is DirectoryAnswer.NoSuchUser)];

    // Jenkins refuses the built-in names from any realm (SEC-54); other characters are the directory's business.
    private static bool IsAcceptableId(string userName)
    {
        var id = userName.Trim();
        return id.Length is > 0 and <= UserId.MaxLength && !id.Any(char.IsControl) && !UserId.IsReserved(id);
    }

    private void Remember(DirectoryUser user)
    {
        var now = clock.GetUtcNow();
        _entries[UserId.KeyFor(user.Id)] = new Entry(user, now);
        if (_entries.Count > cache.Size)
        {
            // Bounded: the oldest entries go first; they are the next to be asked again anyway.
            foreach (var stale in _entries.OrderBy(e => e.Value.FetchedAt).Take(_entries.Count - cache.Size).ToList())
            {
                _entries.TryRemove(stale.Key, out _);
            }
        }
    }

    private sealed record Entry(DirectoryUser User, DateTimeOffset FetchedAt);
}
