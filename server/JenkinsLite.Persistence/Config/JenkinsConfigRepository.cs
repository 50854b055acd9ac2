using System.Globalization;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Ldap;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Config;

/// <summary>
/// The global configuration: the root <c>config.xml</c> (security part) and
/// <c>jenkins.security.apitoken.ApiTokenPropertyConfiguration.xml</c> (the legacy-token switches).
/// </summary>
public sealed class JenkinsConfigRepository(JenkinsHome home, HomeSecrets? secrets = null)
{
    public const string ApiTokenSettingsFile = "jenkins.security.apitoken.ApiTokenPropertyConfiguration.xml";

    private const string PrivateRealm = "hudson.security.HudsonPrivateSecurityRealm";
    private const string NoRealm = "hudson.security.SecurityRealm$None";

    /// <summary>Our own element of the root config.xml: where shell steps run (decisions.md #16); Jenkins ignores it.</summary>
    public const string BuildSandboxElement = "jenkinslite.buildSandbox";

    /// <summary>Reads the security settings; a file that does not parse is a <see cref="HomeDataException"/>.</summary>
    public SecurityConfiguration LoadSecurity()
    {
        if (!File.Exists(home.ConfigXml))
        {
            throw new HomeDataException("config.xml", "the file is missing");
        }

        var document = JenkinsXml.Load(home.ConfigXml, home);
        var root = document.Root!;
        var useSecurity = Bool(root.Element("useSecurity"), fallback: true);
        var realmElement = root.Element("securityRealm");
        var realm = realmElement?.Attribute("class")?.Value;
        if (useSecurity && realm is not (null or PrivateRealm or NoRealm or LdapRealm.JenkinsClassName))
        {
            throw new HomeDataException("config.xml", $"the security realm '{realm}' is not supported; use {PrivateRealm} or {LdapRealm.JenkinsClassName}",
                LineOf(realmElement!), null);
        }

        Core.Security.Authorization.AuthorizationStrategy authorization;
        try
        {
            authorization = AuthorizationStrategyXml.Read(root.Element("authorizationStrategy"), useSecurity);
        }
        catch (FormatException e)
        {
            throw new HomeDataException("config.xml", e.Message, LineOf(root.Element("authorizationStrategy")), null, e);
        }

        LdapRealm? ldap = null;
        if (useSecurity && realm == LdapRealm.JenkinsClassName)
        {
            try
            {
                ldap = LdapRealmXml.Read(realmElement!, (secrets ?? new HomeSecrets(home)).ExistingCipher());
            }
            catch (FormatException e)
            {
                throw new HomeDataException("config.xml", e.Message, LineOf(realmElement), null, e);
            }
        }

        // Since 2.222 the crumb issuer cannot be switched off in config.xml; an absent <crumbIssuer>
        // on old files means the default issuer (api-tokens.md 3.5).
        var crumbs = useSecurity;
        var executors = int.TryParse(root.Element("numExecutors")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 2;
        return new SecurityConfiguration(authorization, useSecurity && realm == PrivateRealm, crumbs, Math.Max(0, executors),
            BuildSandboxOf(root.Element(BuildSandboxElement)), ldap);
    }

    public ApiTokenSettings LoadApiTokenSettings()
    {
        var path = home.Resolve(ApiTokenSettingsFile);
        if (!File.Exists(path))
        {
            return ApiTokenSettings.Default;
        }

        var root = JenkinsXml.Load(path, home).Root!;
        var defaults = ApiTokenSettings.Default;
        return new ApiTokenSettings(
            Bool(root.Element("tokenGenerationOnCreationEnabled"), defaults.TokenGenerationOnCreationEnabled),
            Bool(root.Element("creationOfLegacyTokenEnabled"), defaults.CreationOfLegacyTokenEnabled),
            Bool(root.Element("usageStatisticsEnabled"), defaults.UsageStatisticsEnabled));
    }

    public void SaveApiTokenSettings(ApiTokenSettings settings)
    {
        var document = new XDocument(JenkinsXml.Indented(new XElement("jenkins.security.apitoken.ApiTokenPropertyConfiguration",
            new XElement("tokenGenerationOnCreationEnabled", Text(settings.TokenGenerationOnCreationEnabled)),
            new XElement("creationOfLegacyTokenEnabled", Text(settings.CreationOfLegacyTokenEnabled)),
            new XElement("usageStatisticsEnabled", Text(settings.UsageStatisticsEnabled))), 0));
        AtomicFile.Write(home.Resolve(ApiTokenSettingsFile), JenkinsXml.Serialize(document));
    }

    private static BuildSandboxMode BuildSandboxOf(XElement? element) => element?.Value.Trim() switch
    {
        null => BuildSandboxMode.Automatic,
        "sandbox" => BuildSandboxMode.Required,
        "none" => BuildSandboxMode.None,
        var other => throw new HomeDataException("config.xml",
            $"<{BuildSandboxElement}> is '{other}'; use 'sandbox' or 'none' (or leave it out: sandboxed when bubblewrap works)", LineOf(element), null),
    };

    private static string Text(bool value) => value ? "true" : "false";

    private static bool Bool(XElement? element, bool fallback) =>
        bool.TryParse(element?.Value.Trim(), out var value) ? value : fallback;

    private static int? LineOf(XElement? element) =>
        element is System.Xml.IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
