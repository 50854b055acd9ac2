namespace JenkinsLite.Core.Security.Ldap;

/// <summary>
/// One <c>jenkins.security.plugins.ldap.LDAPConfiguration</c>: where the directory is, where users and groups
/// are searched, and the manager account that searches. Search bases are relative to <see cref="RootDn"/>,
/// as in the plugin. Not a record: the manager password must never appear in a generated ToString.
/// </summary>
public sealed class LdapServerConfiguration
{
    public const string DefaultUserSearch = "uid={0}";

    /// <summary>As written in config.xml: <c>host</c>, <c>host:port</c>, or <c>ldap://</c>/<c>ldaps://</c> URLs, space-separated.</summary>
    public required string Server { get; init; }

    public string RootDn { get; init; } = string.Empty;

    public string UserSearchBase { get; init; } = string.Empty;

    /// <summary>The user filter; <c>{0}</c> is the user name (<c>uid={0}</c>, or <c>sAMAccountName={0}</c> for Active Directory).</summary>
    public string UserSearch { get; init; } = DefaultUserSearch;

    public string GroupSearchBase { get; init; } = string.Empty;

    public GroupMembershipStrategy GroupMembership { get; init; } =
        new GroupMembershipStrategy.FromGroupSearch(GroupMembershipStrategy.FromGroupSearch.DefaultFilter);

    /// <summary>The account that searches; none means an anonymous search.</summary>
    public string? ManagerDn { get; init; }

    /// <summary>Decrypted from <c>managerPasswordSecret</c>; kept in memory only.</summary>
    public string? ManagerPassword { get; init; }

    public string DisplayNameAttributeName { get; init; } = "displayname";

    public string MailAddressAttributeName { get; init; } = "mail";

    /// <summary>
    /// Ours, not the plugin's: a folder of PEM certificate authorities trusted for ldaps:// and StartTLS instead of
    /// the system's trust store (libldap's TLS_CACERTDIR).
    /// </summary>
    public string? CaCertificatesDirectory { get; init; }

    /// <summary>Ours: upgrade a plain <c>ldap://</c> connection with StartTLS before any password is sent.</summary>
    public bool StartTls { get; init; }

    /// <summary>A base relative to the root DN, as the plugin joins them.</summary>
    public string Under(string relativeBase) =>
        string.IsNullOrWhiteSpace(relativeBase) ? RootDn
        : string.IsNullOrWhiteSpace(RootDn) ? relativeBase.Trim()
        : $"{relativeBase.Trim()},{RootDn}";
}
