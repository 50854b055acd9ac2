using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Security;

/// <summary>
/// The security part of Jenkins' root config.xml: who may do what, whether Jenkins' own user database
/// or an LDAP directory (<paramref name="Ldap"/>) signs people in, and whether state-changing requests need a CSRF crumb.
/// </summary>
public sealed record SecurityConfiguration(
    AuthorizationStrategy Authorization,
    bool PrivateUserDatabase,
    bool CrumbsRequired,
    int NumExecutors,
    Ldap.LdapRealm? Ldap = null);
