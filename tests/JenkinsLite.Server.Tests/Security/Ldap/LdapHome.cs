using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Fixtures;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Security.Ldap;

/// <summary>Homes whose config.xml signs in through the LDAP plugin's realm, pointed at a <see cref="SlapdServer"/>.</summary>
internal static class LdapHome
{
    public const string FromGroupSearch = """
        <groupMembershipStrategy class="jenkins.security.plugins.ldap.FromGroupSearchLDAPGroupMembershipStrategy">
                  <filter></filter>
                </groupMembershipStrategy>
        """;

    public const string FromMemberOf = """
        <groupMembershipStrategy class="jenkins.security.plugins.ldap.FromUserRecordLDAPGroupMembershipStrategy">
                  <attributeName>memberOf</attributeName>
                </groupMembershipStrategy>
        """;

    /// <summary>
    /// A server whose realm is the directory at <paramref name="server"/>: Overall/Read and Job/Read for every
    /// signed-in user, Job/Build for the group "builders", and a freestyle job "demo".
    /// </summary>
    public static Task<TestServer> StartAsync(string server, string membership = FromGroupSearch, int? cacheSeconds = null, string extra = "") =>
        HomeKit.StartOnStagedAsync(null, home =>
        {
            WriteConfig(home, server, membership, cacheSeconds, extra);
            BuildKit.AddJobs(home, new Dictionary<string, string> { ["demo"] = BuildKit.Freestyle("true") });
        });

    /// <summary>Writes the LDAP config.xml into <paramref name="home"/>, the manager password encrypted with that home's secrets.</summary>
    public static void WriteConfig(string home, string server, string membership = FromGroupSearch, int? cacheSeconds = null, string extra = "", params string[] extraGrants)
    {
        var secret = new HomeSecrets(home).CipherCreatingKeys().Encrypt(SlapdServer.ManagerPassword);
        var cache = cacheSeconds is { } ttl ? $"<cache><size>100</size><ttl>{ttl}</ttl></cache>" : string.Empty;
        HomeKit.WriteText(home, "config.xml", $"""
            <?xml version='1.1' encoding='UTF-8'?>
            <hudson>
              <version>2.528.3</version>
              <numExecutors>2</numExecutors>
              <useSecurity>true</useSecurity>
              <authorizationStrategy class="hudson.security.GlobalMatrixAuthorizationStrategy">
                <permission>GROUP:hudson.model.Hudson.Read:authenticated</permission>
                <permission>GROUP:hudson.model.Item.Read:authenticated</permission>
                <permission>GROUP:hudson.model.Item.Build:builders</permission>
            {string.Concat(extraGrants.Select(g => $"    <permission>{g}</permission>\n"))}  </authorizationStrategy>
              <securityRealm class="hudson.security.LDAPSecurityRealm" plugin="ldap@780.vcb_33c9a_e4332">
                <disableMailAddressResolver>false</disableMailAddressResolver>
                <configurations>
                  <jenkins.security.plugins.ldap.LDAPConfiguration>
                    <server>{server}</server>
                    <rootDN>{SlapdServer.Suffix}</rootDN>
                    <inhibitInferRootDN>false</inhibitInferRootDN>
                    <userSearchBase>ou=people</userSearchBase>
                    <userSearch>uid={"{0}"}</userSearch>
                    <groupSearchBase>ou=groups</groupSearchBase>
                    {membership}
                    <managerDN>{SlapdServer.ManagerDn}</managerDN>
                    <managerPasswordSecret>{secret}</managerPasswordSecret>
                    <displayNameAttributeName>displayName</displayNameAttributeName>
                    <mailAddressAttributeName>mail</mailAddressAttributeName>
                    <ignoreIfUnavailable>false</ignoreIfUnavailable>
                    {extra}
                  </jenkins.security.plugins.ldap.LDAPConfiguration>
                </configurations>
                {cache}
                <userIdStrategy class="jenkins.model.IdStrategy$CaseInsensitive"/>
                <groupIdStrategy class="jenkins.model.IdStrategy$CaseInsensitive"/>
                <disableRolePrefixing>true</disableRolePrefixing>
              </securityRealm>
              <crumbIssuer class="hudson.security.csrf.DefaultCrumbIssuer"/>
              <quietPeriod>0</quietPeriod>
            </hudson>
            """);
    }
}
