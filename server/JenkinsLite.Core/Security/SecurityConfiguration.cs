using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Security;

/// <summary>
/// The security part of Jenkins' root config.xml: who may do what, whether Jenkins' own user database
/// or an LDAP directory (<paramref name="Ldap"/>) signs people in, whether state-changing requests need a CSRF
/// crumb, and whether builds run sandboxed.
/// </summary>
public sealed record SecurityConfiguration(
    AuthorizationStrategy Authorization,
    bool PrivateUserDatabase,
    bool CrumbsRequired,
    int NumExecutors,
    BuildSandboxMode BuildSandbox = BuildSandboxMode.Automatic,
    Ldap.LdapRealm? Ldap = null);
