using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Users;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.ApiTokens;

/// <summary>
/// <c>users/&lt;folder&gt;/jenkinslite.apiTokenAddresses.xml</c>, beside Jenkins' <c>apiTokenStats.xml</c> (which keeps
/// its own shape, decisions.md #15): the client addresses each token was used from.
/// </summary>
public sealed class TokenAddressFile(JenkinsHome home, JenkinsUserRepository users) : ITokenAddressStore
{
    public const string FileName = "jenkinslite.apiTokenAddresses.xml";

    public IReadOnlyDictionary<string, TokenAddresses> Load(string userId)
    {
        var result = new Dictionary<string, TokenAddresses>(StringComparer.Ordinal);
        if (PathOf(userId) is not { } path || !File.Exists(path))
        {
            return result;
        }

        try
        {
            foreach (var token in JenkinsXml.Load(path, home).Root?.Elements("token") ?? [])
            {
                var seen = token.Elements("seen").Select(s => s.Value).Where(s => s.Length > 0).ToList();
                if (token.Attribute("uuid")?.Value is { Length: > 0 } uuid && token.Element("last")?.Value is { Length: > 0 } last)
                {
                    result[uuid] = new TokenAddresses(last, seen);
                }
            }
        }
        catch (HomeDataException)
        {
            // like a broken apiTokenStats.xml: the addresses start again, nothing else is affected
        }

        return result;
    }

    public void Save(string userId, IReadOnlyDictionary<string, TokenAddresses> addresses)
    {
        if (PathOf(userId) is not { } path)
        {
            return;
        }

        var root = new XElement("jenkinslite.ApiTokenAddresses", addresses.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a =>
            new XElement("token", new XAttribute("uuid", a.Key), new XElement("last", a.Value.Last),
                a.Value.Seen.Select(s => new XElement("seen", s)))));
        AtomicFile.Write(path, JenkinsXml.Serialize(new XDocument(JenkinsXml.Indented(root, 0))));
    }

    private string? PathOf(string userId) => users.FolderOf(userId) is { } folder ? Path.Combine(folder, FileName) : null;
}
