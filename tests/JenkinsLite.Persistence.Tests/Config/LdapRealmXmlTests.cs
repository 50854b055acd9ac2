using System.Security.Cryptography;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Security.Ldap;
using JenkinsLite.Core.Security.Secrets;
using JenkinsLite.Persistence.Config;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Secrets;

namespace JenkinsLite.Persistence.Tests.Config;

internal sealed class LdapRealmXmlTests
{
    private static readonly SecretCipher Cipher = new(RandomNumberGenerator.GetBytes(16));

    // The shape the LDAP plugin (2.x) writes, with elements JenkinsLite does not use.
    private static string PluginRealm(string managerSecret, string membership, string cache = "") => $"""
        <securityRealm class="hudson.security.LDAPSecurityRealm" plugin="ldap@719.vcb_d039b_77d0d">
          <disableMailAddressResolver>false</disableMailAddressResolver>
          <configurations>
            <jenkins.security.plugins.ldap.LDAPConfiguration>
              <server>ldaps://ldap.example.org:636</server>
              <rootDN>dc=example,dc=org</rootDN>
              <inhibitInferRootDN>false</inhibitInferRootDN>
              <userSearchBase>ou=people</userSearchBase>
              <userSearch>uid={"{0}"}</userSearch>
              <groupSearchBase>ou=groups</groupSearchBase>
              <groupSearchFilter>(cn={"{0}"})</groupSearchFilter>
              {membership}
              <managerDN>cn=manager,dc=example,dc=org</managerDN>
              <managerPasswordSecret>{managerSecret}</managerPasswordSecret>
              <displayNameAttributeName>displayName</displayNameAttributeName>
              <mailAddressAttributeName>mail</mailAddressAttributeName>
              <ignoreIfUnavailable>false</ignoreIfUnavailable>
            </jenkins.security.plugins.ldap.LDAPConfiguration>
          </configurations>
          {cache}
          <userIdStrategy class="jenkins.model.IdStrategy$CaseInsensitive"/>
          <groupIdStrategy class="jenkins.model.IdStrategy$CaseInsensitive"/>
          <disableRolePrefixing>true</disableRolePrefixing>
        </securityRealm>
        """;

    [Test]
    public void Read_PluginShape_ReadsEveryUsedSettingAndDecryptsTheManagerPassword()
    {
        // Arrange
        var xml = PluginRealm(Cipher.Encrypt("manager-pw"), """
            <groupMembershipStrategy class="jenkins.security.plugins.ldap.FromGroupSearchLDAPGroupMembershipStrategy">
              <filter>(member={0})</filter>
            </groupMembershipStrategy>
            """);

        // Act
        var realm = LdapRealmXml.Read(XElement.Parse(xml), Cipher);

        // Assert
        var c = realm.Configurations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(c.Server, Is.EqualTo("ldaps://ldap.example.org:636"));
            Assert.That(c.Under(c.UserSearchBase), Is.EqualTo("ou=people,dc=example,dc=org"));
            Assert.That(c.Under(c.GroupSearchBase), Is.EqualTo("ou=groups,dc=example,dc=org"));
            Assert.That(c.UserSearch, Is.EqualTo("uid={0}"));
            Assert.That(c.GroupMembership, Is.EqualTo(new GroupMembershipStrategy.FromGroupSearch("(member={0})")));
            Assert.That(c.ManagerDn, Is.EqualTo("cn=manager,dc=example,dc=org"));
            Assert.That(c.ManagerPassword, Is.EqualTo("manager-pw"));
            Assert.That(c.DisplayNameAttributeName, Is.EqualTo("displayName"));
            Assert.That(realm.Cache, Is.EqualTo(DirectoryCacheSettings.Default), "no <cache>: Jenkins' two minutes");
        });
    }

    [Test]
    public void Read_FromUserRecordAndCache_AttributeAndPluginCache()
    {
        var xml = PluginRealm(Cipher.Encrypt("pw"), """
            <groupMembershipStrategy class="jenkins.security.plugins.ldap.FromUserRecordLDAPGroupMembershipStrategy">
              <attributeName>memberOf</attributeName>
            </groupMembershipStrategy>
            """, "<cache><size>50</size><ttl>30</ttl></cache>");

        var realm = LdapRealmXml.Read(XElement.Parse(xml), Cipher);

        Assert.Multiple(() =>
        {
            Assert.That(realm.Configurations[0].GroupMembership, Is.EqualTo(new GroupMembershipStrategy.FromUserRecord("memberOf")));
            Assert.That(realm.Cache, Is.EqualTo(new DirectoryCacheSettings(50, TimeSpan.FromSeconds(30))));
        });
    }

    [Test]
    public void Read_OldFlatShape_ScrambledPasswordAndMembershipFilter()
    {
        // As the plugin's own compatibility test home (1.480) has it.
        var xml = """
            <securityRealm class="hudson.security.LDAPSecurityRealm">
              <server>s</server><rootDN>rDN</rootDN><userSearchBase>uSB</userSearchBase><userSearch>uS</userSearch>
              <groupSearchBase>gSB</groupSearchBase><groupSearchFilter>gSF</groupSearchFilter>
              <groupMembershipFilter>gMF</groupMembershipFilter><managerDN>mDN</managerDN>
              <managerPassword>czNjcjN0</managerPassword><cache><size>20</size><ttl>60</ttl></cache>
            </securityRealm>
            """;

        var c = LdapRealmXml.Read(XElement.Parse(xml), cipher: null).Configurations.Single();

        Assert.Multiple(() =>
        {
            Assert.That(c.Under(c.UserSearchBase), Is.EqualTo("uSB,rDN"));
            Assert.That(c.GroupMembership, Is.EqualTo(new GroupMembershipStrategy.FromGroupSearch("gMF")));
            Assert.That(c.ManagerPassword, Is.EqualTo("s3cr3t"));
        });
    }

    [Test]
    public void Read_SecretOfAnotherHome_FormatErrorWithoutTheValue()
    {
        var xml = PluginRealm(new SecretCipher(RandomNumberGenerator.GetBytes(16)).Encrypt("manager-pw"), string.Empty);

        var error = Assert.Throws<FormatException>(() => LdapRealmXml.Read(XElement.Parse(xml), Cipher));

        Assert.That(error!.Message, Does.Contain("managerPasswordSecret").And.Not.Contain("manager-pw"));
    }

    [Test]
    public void LoadSecurity_LdapHome_KeepsConfigXmlByteForByte()
    {
        // Arrange
        var home = Directory.CreateTempSubdirectory("jenkinslite-ldap-").FullName;
        try
        {
            var secrets = new HomeSecrets(home);
            var text = $"""
                <?xml version='1.1' encoding='UTF-8'?>
                <hudson>
                  <useSecurity>true</useSecurity>
                  {PluginRealm(secrets.CipherCreatingKeys().Encrypt("manager-pw"), string.Empty)}
                </hudson>
                """;
            File.WriteAllText(Path.Combine(home, "config.xml"), text);

            // Act
            var security = new JenkinsConfigRepository(new JenkinsHome(home), secrets).LoadSecurity();

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(security.Ldap?.Configurations.Single().ManagerPassword, Is.EqualTo("manager-pw"));
                Assert.That(security.PrivateUserDatabase, Is.False);
                Assert.That(File.ReadAllText(Path.Combine(home, "config.xml")), Is.EqualTo(text));
            });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Test]
    public void LoadSecurity_UndecryptableSecret_HomeDataErrorAtTheRealm()
    {
        var home = Directory.CreateTempSubdirectory("jenkinslite-ldap-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(home, "config.xml"), $"""
                <?xml version='1.1' encoding='UTF-8'?>
                <hudson>
                  <useSecurity>true</useSecurity>
                  {PluginRealm(Cipher.Encrypt("manager-pw"), string.Empty)}
                </hudson>
                """);

            var error = Assert.Throws<HomeDataException>(() => new JenkinsConfigRepository(new JenkinsHome(home), new HomeSecrets(home)).LoadSecurity());

            Assert.That(error!.Message, Does.StartWith("config.xml (line 4"));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
