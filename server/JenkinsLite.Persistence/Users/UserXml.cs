using System.Xml.Linq;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Secrets;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Users;

/// <summary>
/// Jenkins' user config.xml: reads what JenkinsLite uses and writes back only what changed, leaving
/// every other element (plugin properties included) as it was.
/// </summary>
internal static class UserXml
{
    private const string TokenProperty = "jenkins.security.ApiTokenProperty";
    private const string HashedTokenElement = "jenkins.security.apitoken.ApiTokenStore_-HashedToken";
    private const string PasswordDetails = "hudson.security.HudsonPrivateSecurityRealm_-Details";

    // Ours (token-governance.md): Jenkins keeps unknown elements as old data and ignores them.
    private const string ServiceAccountProperty = "jenkinslite.ServiceAccountProperty";
    private const string ScopeElement = "jenkinslite.TokenScope";
    private const string CreatedByElement = "jenkinslite.createdBy";
    private const string RotatedToElement = "jenkinslite.rotatedTo";
    private const string ValidUntilElement = "jenkinslite.validUntil";

    public static User Read(XDocument document, string id, Func<SecretCipher?> cipher)
    {
        var root = document.Root!;
        var properties = root.Element("properties");
        var tokenProperty = properties?.Element(TokenProperty);
        var tokens = ApiTokenStore.Of(tokenProperty?.Element("tokenStore")?.Element("tokenList")?.Elements(HashedTokenElement)
            .Select(ReadToken) ?? []);

        var legacy = ReadLegacy(tokenProperty?.Element("apiToken")?.Value, cipher);
        if (legacy is not null && tokens.Legacy is null)
        {
            // As Jenkins derives it: unsalted, so its first use re-stores it salted and saves it (uuid, stats).
            tokens = tokens.Add(new HashedToken(Guid.NewGuid().ToString(), "Legacy Token", null, null,
                TokenHash.Unsalted(legacy.UserFacingValue, legacy: true)));
        }

        var fullName = root.Element("fullName")?.Value;
        return new User(
            id,
            string.IsNullOrEmpty(fullName) || fullName == id ? id : fullName, // one string where they are the same, as most are
            root.Element("description")?.Value,
            properties?.Element(PasswordDetails)?.Element("passwordHash")?.Value,
            tokens,
            legacy,
            properties?.Element(ServiceAccountProperty) is not null);
    }

    public static XDocument NewDocument(string id) =>
        new(JenkinsXml.Indented(new XElement("user",
            new XElement("version", "10"),
            new XElement("id", id),
            new XElement("fullName", id),
            new XElement("properties")), 0));

    /// <summary>Writes into <paramref name="document"/> what differs between <paramref name="old"/> and <paramref name="user"/>.</summary>
    public static void Apply(XDocument document, User? old, User user, Func<SecretCipher> cipher)
    {
        var root = document.Root!;
        if (old is null || old.FullName != user.FullName)
        {
            JenkinsXml.SetChild(root, "fullName", user.FullName);
        }

        if (old is null ? user.Description is not null : old.Description != user.Description)
        {
            JenkinsXml.SetChild(root, "description", user.Description ?? string.Empty);
        }

        var properties = root.Element("properties");
        if (properties is null)
        {
            properties = new XElement("properties");
            JenkinsXml.AppendIndented(root, properties);
        }

        if (old is null || !ReferenceEquals(old.Tokens, user.Tokens) || old.Legacy != user.Legacy)
        {
            var fresh = TokenPropertyElement(user, cipher);
            if (properties.Element(TokenProperty) is { } existing)
            {
                fresh.Add(existing.Attributes());
                existing.ReplaceWith(JenkinsXml.Indented(fresh, JenkinsXml.DepthOf(existing)));
            }
            else
            {
                JenkinsXml.AppendIndented(properties, fresh);
            }
        }

        if (user.IsServiceAccount && properties.Element(ServiceAccountProperty) is null)
        {
            JenkinsXml.AppendIndented(properties, new XElement(ServiceAccountProperty));
        }

        if (old?.PasswordHash != user.PasswordHash && user.PasswordHash is not null)
        {
            if (properties.Element(PasswordDetails) is { } details)
            {
                JenkinsXml.SetChild(details, "passwordHash", user.PasswordHash);
            }
            else
            {
                JenkinsXml.AppendIndented(properties, new XElement(PasswordDetails, new XElement("passwordHash", user.PasswordHash)));
            }
        }
    }

    private static HashedToken ReadToken(XElement element)
    {
        var value = element.Element("value");
        var uuid = element.Element("uuid")?.Value;
        return new HashedToken(
            string.IsNullOrWhiteSpace(uuid) ? Guid.NewGuid().ToString() : uuid, // Jenkins: a new one on every load
            element.Element("name")?.Value ?? string.Empty,
            XStreamDate.TryParse(element.Element("creationDate")?.Value),
            DateOnly.TryParseExact(element.Element("expirationDate")?.Value, "yyyy-MM-dd", out var expiry) ? expiry : null,
            new TokenHash(
                value?.Element("version")?.Value ?? TokenHash.JenkinsVersion,
                value?.Element("hash")?.Value ?? string.Empty,
                value?.Element("salt")?.Value),
            ReadScope(element.Element(ScopeElement)),
            NullIfEmpty(element.Element(CreatedByElement)?.Value),
            NullIfEmpty(element.Element(RotatedToElement)?.Value),
            XStreamDate.TryParse(element.Element(ValidUntilElement)?.Value));
    }

    private static TokenScope? ReadScope(XElement? scope) =>
        scope is null
            ? null
            : TokenScope.FromStored(
                scope.Element("name")?.Value,
                scope.Element("permissions")?.Elements("string").Select(e => e.Value) ?? [],
                scope.Element("items")?.Elements("string").Select(e => e.Value) ?? []);

    private static XElement ScopeXml(TokenScope scope)
    {
        var element = new XElement(ScopeElement, new XElement("name", scope.Name));
        if (scope.Listed.Count > 0)
        {
            element.Add(new XElement("permissions", scope.Listed.Select(p => new XElement("string", p.Id))));
        }

        if (scope.Items.Count > 0)
        {
            element.Add(new XElement("items", scope.Items.Select(i => new XElement("string", i))));
        }

        return element;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Jenkins' rule for &lt;apiToken&gt;: decrypt with the home's key; a value that cannot be
    /// decrypted is itself the plain secret. That one is re-encrypted when the user is saved.
    /// </summary>
    private static LegacyApiToken? ReadLegacy(string? stored, Func<SecretCipher?> cipher)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        return cipher()?.TryDecrypt(stored) is { } plain
            ? new LegacyApiToken(plain, stored)
            : new LegacyApiToken(stored, null);
    }

    private static XElement TokenPropertyElement(User user, Func<SecretCipher> cipher)
    {
        var property = new XElement(TokenProperty);
        if (user.Legacy is { } legacy)
        {
            property.Add(new XElement("apiToken", legacy.StoredText ?? cipher().Encrypt(legacy.PlainSecret)));
        }

        property.Add(new XElement("tokenStore", new XElement("tokenList", user.Tokens.Tokens.Select(TokenElement))));
        return property;
    }

    private static XElement TokenElement(HashedToken token)
    {
        var element = new XElement(HashedTokenElement, new XElement("uuid", token.Uuid), new XElement("name", token.Name));
        if (token.CreationDate is { } created)
        {
            element.Add(new XElement("creationDate", XStreamDate.Format(created)));
        }

        if (token.ExpirationDate is { } expiry)
        {
            element.Add(new XElement("expirationDate", expiry.ToString("yyyy-MM-dd")));
        }

        var value = new XElement("value", new XElement("version", token.Hash.Version), new XElement("hash", token.Hash.HashHex));
        if (token.Hash.SaltHex is { } salt)
        {
            value.Add(new XElement("salt", salt));
        }

        element.Add(value);
        if (token.Scope is { } scope)
        {
            element.Add(ScopeXml(scope));
        }

        if (token.CreatedBy is { } creator)
        {
            element.Add(new XElement(CreatedByElement, creator));
        }

        if (token.RotatedTo is { } successor)
        {
            element.Add(new XElement(RotatedToElement, successor));
        }

        if (token.ValidUntil is { } until)
        {
            element.Add(new XElement(ValidUntilElement, XStreamDate.Format(until)));
        }

        return element;
    }
}
