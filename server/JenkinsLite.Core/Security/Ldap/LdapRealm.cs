namespace JenkinsLite.Core.Security.Ldap;

/// <summary>
/// The LDAP plugin's <c>hudson.security.LDAPSecurityRealm</c>: one or more directory servers, tried in order,
/// and how long what a directory said about a user is trusted before it is asked again.
/// </summary>
public sealed record LdapRealm(IReadOnlyList<LdapServerConfiguration> Configurations, DirectoryCacheSettings Cache)
{
    public const string JenkinsClassName = "hudson.security.LDAPSecurityRealm";
}
