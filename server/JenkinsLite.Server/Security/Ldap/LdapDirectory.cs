using System.DirectoryServices.Protocols;
using System.Net;
using JenkinsLite.Core.Security.Ldap;

namespace JenkinsLite.Server.Security.Ldap;

/// <summary>
/// The directory of an <see cref="LdapRealm"/>, spoken to with System.DirectoryServices.Protocols (libldap on
/// Linux). A user is found with the manager account, then a password is checked by binding as the user's DN;
/// nothing is cached here. That the directory went down is logged once, and once again when it answers.
/// </summary>
internal sealed partial class LdapDirectory(LdapRealm realm, ILogger logger) : IDirectory
{
    private const int InvalidCredentials = 49;
    private const int ServerDown = 81;
    private const int ConnectError = 91;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private int _down;

    public DirectoryAnswer SignIn(string userName, string password) =>
        // An empty password would be an unauthenticated bind, which LDAP servers accept: never a sign-in.
        password.Length == 0 ? DirectoryAnswer.NotFound : Ask(userName, password);

    public DirectoryAnswer Find(string userName) => Ask(userName, null);

    private DirectoryAnswer Ask(string userName, string? password)
    {
        string? unavailable = null;
        foreach (var configuration in realm.Configurations)
        {
            switch (AskOne(configuration, userName, password))
            {
                case DirectoryAnswer.Unavailable down:
                    unavailable ??= down.Reason;
                    break;
                case { } answer:
                    return answer;
            }
        }

        return unavailable is null ? DirectoryAnswer.NotFound : new DirectoryAnswer.Unavailable(unavailable);
    }

    // Null when this directory does not know the user (the next configuration is asked).
    private DirectoryAnswer? AskOne(LdapServerConfiguration configuration, string userName, string? password)
    {
        var failure = "no server is configured";
        foreach (var endpoint in LdapEndpoint.ParseAll(configuration.Server))
        {
            try
            {
                using var manager = Open(endpoint, configuration);
                if (configuration.ManagerDn is { Length: > 0 } managerDn)
                {
                    manager.Bind(new NetworkCredential(managerDn, configuration.ManagerPassword ?? string.Empty));
                }
                else
                {
                    manager.AuthType = AuthType.Anonymous;
                    manager.Bind();
                }

                var entry = FindEntry(manager, configuration, userName);
                if (entry is not null && password is not null && !BindsAs(endpoint, configuration, entry.DistinguishedName, password))
                {
                    MarkUp(endpoint);
                    return DirectoryAnswer.NotFound;
                }

                var answer = entry is null ? null : new DirectoryAnswer.Found(new DirectoryUser(
                    userName,
                    FirstValue(entry, configuration.DisplayNameAttributeName) ?? userName,
                    FirstValue(entry, configuration.MailAddressAttributeName),
                    GroupsOf(manager, configuration, entry, userName)));
                MarkUp(endpoint);
                return answer;
            }
            catch (LdapException e)
            {
                failure = $"{endpoint}: {Describe(e)}{TlsHint(endpoint, configuration, e.ErrorCode)}";
            }
            catch (DirectoryOperationException e)
            {
                failure = $"{endpoint}: {e.Message}{TlsHint(endpoint, configuration, ServerDown)}";
            }
            catch (Exception e) when (e is DllNotFoundException || e.InnerException is DllNotFoundException)
            {
                failure = "OpenLDAP's client library is not installed (Debian: libldap-2.5-0)";
                break;
            }
        }

        MarkDown(failure);
        return new DirectoryAnswer.Unavailable(failure);
    }

    private static LdapConnection Open(LdapEndpoint endpoint, LdapServerConfiguration configuration)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(endpoint.Host, endpoint.Port), null, AuthType.Basic)
        {
            Timeout = Timeout,
        };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        if (endpoint.Ldaps)
        {
            connection.SessionOptions.SecureSocketLayer = true;
        }

        if ((endpoint.Ldaps || configuration.StartTls) && configuration.CaCertificatesDirectory is { } trusted && OperatingSystem.IsLinux())
        {
            connection.SessionOptions.TrustedCertificatesDirectory = trusted;
            connection.SessionOptions.StartNewTlsSessionContext();
        }

        if (!endpoint.Ldaps && configuration.StartTls)
        {
            // On Linux the connection opens with the first bind: an anonymous one (no secret), then StartTLS,
            // before any credential is sent. A failure here ends the attempt; it never falls back to plain text.
            connection.AuthType = AuthType.Anonymous;
            connection.Bind();
            connection.SessionOptions.StartTransportLayerSecurity(null);
            connection.AuthType = AuthType.Basic;
        }

        return connection;
    }

    private static bool BindsAs(LdapEndpoint endpoint, LdapServerConfiguration configuration, string dn, string password)
    {
        using var connection = Open(endpoint, configuration);
        try
        {
            connection.Bind(new NetworkCredential(dn, password));
            return true;
        }
        catch (LdapException e) when (e.ErrorCode == InvalidCredentials)
        {
            return false;
        }
    }

    private static SearchResultEntry? FindEntry(LdapConnection connection, LdapServerConfiguration configuration, string userName)
    {
        var attributes = new List<string> { configuration.DisplayNameAttributeName, configuration.MailAddressAttributeName };
        if (configuration.GroupMembership is GroupMembershipStrategy.FromUserRecord fromRecord)
        {
            attributes.Add(fromRecord.AttributeName);
        }

        var request = new SearchRequest(configuration.Under(configuration.UserSearchBase),
            LdapFilter.Fill(configuration.UserSearch, userName), SearchScope.Subtree, [.. attributes]) { SizeLimit = 2 };
        var response = (SearchResponse)connection.SendRequest(request);

        // Two entries for one name is a directory to fix, not a user to guess.
        return response.Entries.Count == 1 ? response.Entries[0] : null;
    }

    private static IReadOnlyList<string> GroupsOf(LdapConnection connection, LdapServerConfiguration configuration, SearchResultEntry user, string userName)
    {
        switch (configuration.GroupMembership)
        {
            case GroupMembershipStrategy.FromUserRecord fromRecord:
                return [.. Values(user, fromRecord.AttributeName).Select(LdapFilter.FirstRdnValue).Where(g => g.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
            case GroupMembershipStrategy.FromGroupSearch fromSearch:
                var request = new SearchRequest(configuration.Under(configuration.GroupSearchBase),
                    LdapFilter.Fill(fromSearch.Filter, user.DistinguishedName, userName), SearchScope.Subtree, "cn");
                var response = (SearchResponse)connection.SendRequest(request);
                return [.. response.Entries.Cast<SearchResultEntry>()
                    .Select(g => FirstValue(g, "cn") ?? LdapFilter.FirstRdnValue(g.DistinguishedName))
                    .Distinct(StringComparer.OrdinalIgnoreCase)];
            default:
                return [];
        }
    }

    private static string? FirstValue(SearchResultEntry entry, string attribute) => Values(entry, attribute).FirstOrDefault();

    private static List<string> Values(SearchResultEntry entry, string attribute)
    {
        foreach (DirectoryAttribute value in entry.Attributes.Values)
        {
            if (string.Equals(value.Name, attribute, StringComparison.OrdinalIgnoreCase))
            {
                return value.GetValues(typeof(string)).Cast<string>().ToList();
            }
        }

        return [];
    }

    // libldap reports a refused certificate as "server unavailable" or "cannot connect"; a port that accepts TCP says it was TLS.
    private static string TlsHint(LdapEndpoint endpoint, LdapServerConfiguration configuration, int errorCode)
    {
        if (errorCode is not (ServerDown or ConnectError) || !(endpoint.Ldaps || configuration.StartTls))
        {
            return string.Empty;
        }

        try
        {
            using var probe = new System.Net.Sockets.TcpClient();
            if (!probe.ConnectAsync(endpoint.Host, endpoint.Port).Wait(TimeSpan.FromSeconds(2)))
            {
                return string.Empty;
            }
        }
        catch (AggregateException)
        {
            return string.Empty;
        }

        return $"; the server answers but the TLS handshake failed: its certificate is not trusted"
            + $" ({(configuration.CaCertificatesDirectory is { } dir ? $"caCertificatesDirectory {dir}" : "the system's trust store")})"
            + " or does not name this host";
    }

    private static string Describe(LdapException e) =>
        string.IsNullOrWhiteSpace(e.ServerErrorMessage) ? e.Message : $"{e.Message} ({e.ServerErrorMessage.Trim()})";

    private void MarkDown(string reason)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogDown(logger, reason, realm.Cache.TimeToLive);
        }
    }

    private void MarkUp(LdapEndpoint endpoint)
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogUp(logger, endpoint);
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning,
        Message = "The LDAP directory cannot be reached ({Reason}): password sign-in fails until it answers; API tokens of users checked within the last {Window} keep working")]
    private static partial void LogDown(ILogger logger, string reason, TimeSpan window);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "The LDAP directory answers again ({Endpoint})")]
    private static partial void LogUp(ILogger logger, LdapEndpoint endpoint);
}
