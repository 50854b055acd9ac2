using System.Globalization;
using System.Text;
using System.Xml.Linq;
using JenkinsLite.Core.Security.Ldap;
using JenkinsLite.Core.Security.Secrets;

namespace JenkinsLite.Persistence.Config;

/// <summary>
/// Reads <c>&lt;securityRealm class="hudson.security.LDAPSecurityRealm"&gt;</c> as the LDAP plugin writes it:
/// <c>&lt;configurations&gt;</c> of <c>jenkins.security.plugins.ldap.LDAPConfiguration</c> (plugin 1.16+), or the
/// older flat form with the same elements directly under the realm. Only read: config.xml is never rewritten,
/// so elements JenkinsLite does not use stay as they are.
/// </summary>
public static class LdapRealmXml
{
    /// <exception cref="FormatException">No server, or a manager password this home's secrets cannot decrypt.</exception>
    public static LdapRealm Read(XElement realm, SecretCipher? cipher)
    {
        var configurations = realm.Element("configurations")?.Elements().ToList() is { Count: > 0 } list ? list : [realm];
        return new LdapRealm([.. configurations.Select(c => ReadConfiguration(c, cipher))], ReadCache(realm.Element("cache")));
    }

    private static LdapServerConfiguration ReadConfiguration(XElement element, SecretCipher? cipher)
    {
        var server = Text(element, "server") ?? throw new FormatException("the LDAP configuration has no <server>.");
        return new LdapServerConfiguration
        {
            Server = server,
            RootDn = Text(element, "rootDN") ?? string.Empty,
            UserSearchBase = Text(element, "userSearchBase") ?? string.Empty,
            UserSearch = Text(element, "userSearch") ?? LdapServerConfiguration.DefaultUserSearch,
            GroupSearchBase = Text(element, "groupSearchBase") ?? string.Empty,
            GroupMembership = ReadMembership(element),
            ManagerDn = Text(element, "managerDN"),
            ManagerPassword = ManagerPassword(element, cipher),
            DisplayNameAttributeName = Text(element, "displayNameAttributeName") ?? "displayname",
            MailAddressAttributeName = Text(element, "mailAddressAttributeName") ?? "mail",
            CaCertificatesDirectory = Text(element, "caCertificatesDirectory"),
            StartTls = bool.TryParse(Text(element, "startTls"), out var startTls) && startTls,
        };
    }

    private static GroupMembershipStrategy ReadMembership(XElement element)
    {
        var strategy = element.Element("groupMembershipStrategy");
        var className = strategy?.Attribute("class")?.Value.Trim();
        return className switch
        {
            GroupMembershipStrategy.FromUserRecord.JenkinsClassName => new GroupMembershipStrategy.FromUserRecord(
                Text(strategy!, "attributeName") ?? GroupMembershipStrategy.FromUserRecord.DefaultAttributeName),
            null or GroupMembershipStrategy.FromGroupSearch.JenkinsClassName => new GroupMembershipStrategy.FromGroupSearch(
                (strategy is null ? null : Text(strategy, "filter"))
                ?? Text(element, "groupMembershipFilter")   // the flat form before the strategies existed
                ?? GroupMembershipStrategy.FromGroupSearch.DefaultFilter),
            _ => throw new FormatException($"the group membership strategy '{className}' is not supported."),
        };
    }

    private static string? ManagerPassword(XElement element, SecretCipher? cipher)
    {
        if (Text(element, "managerPasswordSecret") is { } secret)
        {
            return cipher?.TryDecrypt(secret)
                ?? throw new FormatException("<managerPasswordSecret> cannot be decrypted with this home's secrets/ (was config.xml copied without them?).");
        }

        // Before Secret, the plugin kept the password base64-scrambled in <managerPassword>.
        if (Text(element, "managerPassword") is { } scrambled)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(scrambled));
            }
            catch (FormatException)
            {
                throw new FormatException("<managerPassword> is not base64.");
            }
        }

        return null;
    }

    private static DirectoryCacheSettings ReadCache(XElement? cache)
    {
        if (cache is null)
        {
            return DirectoryCacheSettings.Default;
        }

        // The plugin's <cache>: size in entries, ttl in seconds.
        var size = int.TryParse(Text(cache, "size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 20;
        var ttl = int.TryParse(Text(cache, "ttl"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t >= 0 ? t : 300;
        return new DirectoryCacheSettings(size, TimeSpan.FromSeconds(ttl));
    }

    private static string? Text(XElement parent, string name) =>
        parent.Element(name)?.Value.Trim() is { Length: > 0 } value ? value : null;
}
