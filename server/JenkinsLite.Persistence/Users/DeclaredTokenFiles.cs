using System.Globalization;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Users;

/// <summary>
/// Reads <c>init.tokens.d/*.xml</c> (token-governance.md section 5). A file that is not valid (XML, fields, value
/// file) is reported as unreadable data and declares nothing; the value file's content never appears in a message.
/// </summary>
public static class DeclaredTokenFiles
{
    public const string Folder = "init.tokens.d";

    public static (IReadOnlyList<DeclaredToken> Tokens, IReadOnlyList<UnreadableUserFile> Unreadable) Load(JenkinsHome home)
    {
        var folder = home.Resolve(Folder);
        var tokens = new List<DeclaredToken>();
        var unreadable = new List<UnreadableUserFile>();
        if (!Directory.Exists(folder))
        {
            return (tokens, unreadable);
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            var relative = home.RelativePath(path);
            try
            {
                tokens.Add(Read(JenkinsXml.Load(path, home), relative));
            }
            catch (HomeDataException e)
            {
                unreadable.Add(new UnreadableUserFile(string.Empty, e.RelativePath, e.Error, e.Line, e.Column));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new UnreadableUserFile(string.Empty, relative, e.Message, null, null));
            }
        }

        return (tokens, unreadable);
    }

    private static DeclaredToken Read(XDocument document, string relative)
    {
        var root = document.Root!;
        if (root.Name.LocalName != "declaredToken")
        {
            throw Invalid(relative, $"the root element must be <declaredToken>, not <{root.Name.LocalName}>");
        }

        var user = Required(root, "user", relative);
        if (!UserId.IsValidNew(user))
        {
            throw Invalid(relative, $"'{user}' is not a valid user id");
        }

        var name = Required(root, "name", relative);
        var valueFile = Required(root, "valueFile", relative);
        string value;
        try
        {
            value = File.ReadAllText(valueFile).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Invalid(relative, $"the value file {valueFile} cannot be read ({e.GetType().Name})");
        }

        if (!TokenSecret.TryParseFixed(value, out _))
        {
            throw Invalid(relative, $"the value file {valueFile} must hold \"11\" followed by 32 hexadecimal characters");
        }

        var scopeElement = root.Element("scope");
        var scope = TokenScope.TryCreate(
            scopeElement?.Element("name")?.Value,
            scopeElement?.Element("permissions")?.Elements("string").Select(e => e.Value),
            scopeElement?.Element("items")?.Elements("string").Select(e => e.Value),
            out var problem) ?? throw Invalid(relative, problem!);

        DateOnly? expiration = null;
        if (root.Element("expirationDate")?.Value is { Length: > 0 } text)
        {
            expiration = DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Invalid(relative, $"expirationDate '{text}' is not a yyyy-MM-dd date");
        }

        return new DeclaredToken(relative, user, name, value, scope, expiration);
    }

    private static string Required(XElement root, string element, string relative) =>
        root.Element(element)?.Value.Trim() is { Length: > 0 } text ? text : throw Invalid(relative, $"<{element}> is missing or empty");

    private static HomeDataException Invalid(string relative, string error) => new(relative, error);
}
