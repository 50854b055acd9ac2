using System.Globalization;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Security.ApiTokens.Policy;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.ApiTokens;

/// <summary>
/// <c>$JENKINS_HOME/jenkinslite.security.ApiTokenPolicy.xml</c>: the token policy, one element per field; an element
/// left out keeps its default, so later fields can be added without touching old files.
/// </summary>
public sealed class ApiTokenPolicyFile(JenkinsHome home) : IApiTokenPolicyStore
{
    public const string FileName = "jenkinslite.security.ApiTokenPolicy.xml";
    private const string RootName = "jenkinslite.security.ApiTokenPolicy";

    public ApiTokenPolicy Load()
    {
        var path = home.Resolve(FileName);
        if (!File.Exists(path))
        {
            return ApiTokenPolicy.None;
        }

        var root = JenkinsXml.Load(path, home).Root!;
        var defaults = ApiTokenPolicy.None;
        int Days(string name, int fallback)
        {
            var element = root.Element(name);
            if (element is null)
            {
                return fallback;
            }

            return int.TryParse(element.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days >= 0
                ? days
                : throw new HomeDataException(FileName, $"<{name}> must be a number of days, not '{element.Value}'");
        }

        var scopes = root.Element("allowedScopes")?.Elements("string").Select(s => s.Value.Trim()).ToList();
        if (scopes?.FirstOrDefault(s => !ApiTokenPolicy.ScopeNames.Contains(s)) is { } unknown)
        {
            throw new HomeDataException(FileName, $"<allowedScopes> names an unknown scope '{unknown}'");
        }

        return new ApiTokenPolicy(
            Days("maxLifetimeDays", defaults.MaxLifetimeDays),
            root.Element("requireExpiration")?.Value.Trim() == "true",
            Days("maxUnusedDays", defaults.MaxUnusedDays),
            Days("expiryWarningDays", defaults.ExpiryWarningDays),
            scopes);
    }

    public void Save(ApiTokenPolicy policy)
    {
        var root = new XElement(RootName,
            new XElement("maxLifetimeDays", policy.MaxLifetimeDays.ToString(CultureInfo.InvariantCulture)),
            new XElement("requireExpiration", policy.RequireExpiration ? "true" : "false"),
            new XElement("maxUnusedDays", policy.MaxUnusedDays.ToString(CultureInfo.InvariantCulture)),
            new XElement("expiryWarningDays", policy.ExpiryWarningDays.ToString(CultureInfo.InvariantCulture)));
        if (policy.AllowedScopes is { } scopes)
        {
            root.Add(new XElement("allowedScopes", scopes.Select(s => new XElement("string", s))));
        }

        AtomicFile.Write(home.Resolve(FileName), JenkinsXml.Serialize(new XDocument(JenkinsXml.Indented(root, 0))));
    }
}
