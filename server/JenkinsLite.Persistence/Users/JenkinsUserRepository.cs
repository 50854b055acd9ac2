using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Secrets;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Users;

/// <summary>
/// JENKINS_HOME/users in all three of Jenkins' layouts: folders named by id (before 2.150), folders
/// mapped by <c>users/users.xml</c> (2.150 to 2.523), and <c>&lt;prefix&gt;_&lt;HMAC&gt;</c> folders (2.524+).
/// New users go into the layout found: the users.xml map when there is one, else the current layout.
/// </summary>
public sealed partial class JenkinsUserRepository(JenkinsHome home, HomeSecrets secrets) : IUserRepository
{
    private const string IdMapperFile = "users.xml";
    private const string StatsFile = "apiTokenStats.xml";
    private const string StatsElement = "jenkins.security.apitoken.ApiTokenStats_-SingleTokenStats";

    private readonly ConcurrentDictionary<string, LoadedUser> _loaded = new();
    private readonly Lock _idMapperGate = new();

    public UserLoad LoadAll()
    {
        _loaded.Clear();
        var users = new List<User>();
        var unreadable = new List<UnreadableUserFile>();
        if (!Directory.Exists(home.UsersFolder))
        {
            return new UserLoad(users, unreadable);
        }

        Dictionary<string, string> dirToId = [];
        try
        {
            dirToId = ReadIdMapper()?.ToDictionary(e => e.Value, e => e.Key, StringComparer.Ordinal) ?? [];
        }
        catch (HomeDataException e)
        {
            unreadable.Add(new UnreadableUserFile(string.Empty, e.RelativePath, e.Error, e.Line, e.Column));
        }

        // Mapped folders first: when two folders claim one id, the users.xml mapping wins (as in Jenkins).
        var folders = Directory.EnumerateDirectories(home.UsersFolder)
            .Where(d => File.Exists(Path.Combine(d, "config.xml")))
            .OrderBy(d => dirToId.ContainsKey(Path.GetFileName(d)) ? 0 : 1)
            .ThenBy(d => d, StringComparer.Ordinal)
            .ToList();

        // Parsed in parallel (a home may hold 100,000 users), then taken in the order above.
        var reads = new UserRead[folders.Count];
        Parallel.For(0, folders.Count, i => reads[i] = ReadUser(folders[i], dirToId.GetValueOrDefault(Path.GetFileName(folders[i]))));
        foreach (var read in reads)
        {
            if (read.Id is { } id && _loaded.ContainsKey(UserId.KeyFor(id)))
            {
                continue; // another folder claims this id and came first
            }

            if (read.Unreadable is { } problem)
            {
                unreadable.Add(problem);
            }
            else
            {
                _loaded[UserId.KeyFor(read.User!.Id)] = new LoadedUser(read.Folder, read.User);
                users.Add(read.User);
            }
        }

        return new UserLoad(users, unreadable);
    }

    private UserRead ReadUser(string folder, string? mappedId)
    {
        var dirName = Path.GetFileName(folder);
        var configPath = Path.Combine(folder, "config.xml");
        string? id = null;
        try
        {
            var document = JenkinsXml.Load(configPath, home);
            if (document.Root?.Name.LocalName != "user")
            {
                throw new HomeDataException(home.RelativePath(configPath),
                    $"the root element is <{document.Root?.Name.LocalName}>, expected <user>",
                    document.Root is System.Xml.IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 1, null);
            }

            id = mappedId ?? NonBlank(document.Root.Element("id")?.Value) ?? DecodeDirName(dirName);
            return new UserRead(folder, id, UserXml.Read(document, id, secrets.ExistingCipher), null);
        }
        catch (HomeDataException e)
        {
            return new UserRead(folder, id, null, new UnreadableUserFile(mappedId ?? GuessId(configPath, dirName), e.RelativePath, e.Error, e.Line, e.Column));
        }
        catch (IOException e)
        {
            return new UserRead(folder, id, null, new UnreadableUserFile(mappedId ?? GuessId(configPath, dirName), home.RelativePath(configPath), e.Message, null, null));
        }
    }

    public void Save(User user)
    {
        var key = UserId.KeyFor(user.Id);
        var loaded = _loaded.GetValueOrDefault(key);
        var folder = loaded?.Folder ?? NewFolderFor(user.Id);
        if (loaded is null && File.Exists(Path.Combine(folder, "config.xml")))
        {
            // A file we did not load (it could not be read) is never overwritten automatically.
            throw new IOException($"{home.RelativePath(folder)}/config.xml exists but was not loaded; it is left untouched.");
        }

        var document = loaded is null ? UserXml.NewDocument(user.Id) : ReadBack(Path.Combine(folder, "config.xml"));
        UserXml.Apply(document, loaded?.User, user, secrets.CipherCreatingKeys);
        AtomicFile.Write(Path.Combine(folder, "config.xml"), JenkinsXml.Serialize(document));
        if (loaded is null)
        {
            AddToIdMapper(user.Id, folder);
        }

        _loaded[key] = new LoadedUser(folder, user);
    }

    public void Delete(string userId)
    {
        if (!_loaded.TryRemove(UserId.KeyFor(userId), out var loaded))
        {
            return;
        }

        // A rename first, so a crash never leaves half a user folder that still loads.
        var trash = home.Resolve("users", $".deleted-{Guid.NewGuid():N}");
        Directory.Move(loaded.Folder, trash);
        RemoveFromIdMapper(userId);
        Directory.Delete(trash, recursive: true);
    }

    public IReadOnlyDictionary<string, TokenUsage> LoadTokenStats(string userId)
    {
        var path = StatsPath(userId);
        if (path is null || !File.Exists(path))
        {
            return new Dictionary<string, TokenUsage>();
        }

        XDocument document;
        try
        {
            document = JenkinsXml.Load(path, home);
        }
        catch (HomeDataException)
        {
            return new Dictionary<string, TokenUsage>(); // a broken stats file only resets the counts
        }

        var stats = new Dictionary<string, TokenUsage>();
        foreach (var entry in document.Root?.Element("tokenStats")?.Elements(StatsElement) ?? [])
        {
            var uuid = entry.Element("tokenUuid")?.Value;
            if (string.IsNullOrEmpty(uuid))
            {
                continue;
            }

            var usage = new TokenUsage(
                Math.Max(0, int.TryParse(entry.Element("useCounter")?.Value, CultureInfo.InvariantCulture, out var n) ? n : 0),
                XStreamDate.TryParse(entry.Element("lastUseDate")?.Value));
            // Jenkins' rule for duplicates: the latest use wins, then the higher counter.
            if (!stats.TryGetValue(uuid, out var other) || IsNewer(usage, other))
            {
                stats[uuid] = usage;
            }
        }

        return stats;
    }

    public void SaveTokenStats(string userId, IReadOnlyDictionary<string, TokenUsage> stats)
    {
        var path = StatsPath(userId);
        if (path is null)
        {
            return;
        }

        var list = new XElement("tokenStats", stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            var entry = new XElement(StatsElement, new XElement("tokenUuid", s.Key));
            if (s.Value.LastUseDate is { } last)
            {
                entry.Add(new XElement("lastUseDate", XStreamDate.Format(last)));
            }

            entry.Add(new XElement("useCounter", s.Value.UseCount));
            return entry;
        }));
        var document = new XDocument(JenkinsXml.Indented(new XElement("jenkins.security.apitoken.ApiTokenStats", list), 0));
        AtomicFile.Write(path, JenkinsXml.Serialize(document));
    }

    private static bool IsNewer(TokenUsage candidate, TokenUsage current) =>
        (candidate.LastUseDate ?? DateTimeOffset.MinValue).CompareTo(current.LastUseDate ?? DateTimeOffset.MinValue) switch
        {
            > 0 => true,
            < 0 => false,
            _ => candidate.UseCount > current.UseCount,
        };

    /// <summary>The folder of a loaded user (for files of ours kept beside Jenkins' own), or null.</summary>
    public string? FolderOf(string userId) => _loaded.TryGetValue(UserId.KeyFor(userId), out var loaded) ? loaded.Folder : null;

    private string? StatsPath(string userId) =>
        _loaded.TryGetValue(UserId.KeyFor(userId), out var loaded) ? Path.Combine(loaded.Folder, StatsFile) : null;

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Whose file a broken one is: its &lt;id&gt; if that much can still be read, else the folder name
    /// (decoded; a 2.524+ hashed name cannot be turned back into an id).
    /// </summary>
    private static string GuessId(string configPath, string dirName)
    {
        try
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(configPath));
            if (IdElement().Match(text) is { Success: true } match && match.Groups[1].Value.Trim() is { Length: > 0 } id)
            {
                return id;
            }
        }
        catch (IOException)
        {
            // fall back to the folder name
        }

        return DecodeDirName(dirName);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<id>([^<]{1,200})</id>")]
    private static partial System.Text.RegularExpressions.Regex IdElement();

    /// <summary>Folder names before 2.150 are ids with unsafe characters written as <c>$xxxx</c>.</summary>
    private static string DecodeDirName(string dirName)
    {
        var text = new StringBuilder();
        for (var i = 0; i < dirName.Length; i++)
        {
            if (dirName[i] == '$' && i + 4 < dirName.Length
                && int.TryParse(dirName.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                text.Append((char)code);
                i += 4;
            }
            else
            {
                text.Append(dirName[i]);
            }
        }

        return text.ToString();
    }

    private string NewFolderFor(string userId)
    {
        var name = File.Exists(home.Resolve("users", IdMapperFile))
            ? $"{UserDirectoryPrefix(userId)}_{RandomNumberGenerator.GetInt32(int.MaxValue)}{RandomNumberGenerator.GetInt32(int.MaxValue)}"
            : UserDirectoryName.For(userId, secrets.DirNamesKey());
        return home.Resolve("users", name);
    }

    private static string UserDirectoryPrefix(string userId)
    {
        var alnum = new string(UserId.KeyFor(userId).Where(char.IsAsciiLetterOrDigit).ToArray());
        return alnum.Length > 14 ? alnum[..14] : alnum;
    }

    private Dictionary<string, string>? ReadIdMapper()
    {
        var path = home.Resolve("users", IdMapperFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var document = JenkinsXml.Load(path, home);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in document.Root?.Element("idToDirectoryNameMap")?.Elements("entry") ?? [])
        {
            var strings = entry.Elements("string").Select(s => s.Value).ToList();
            if (strings.Count == 2)
            {
                map[strings[0]] = strings[1];
            }
        }

        return map;
    }

    private void AddToIdMapper(string userId, string folder) =>
        EditIdMapper(map =>
        {
            var entry = new XElement("entry", new XElement("string", UserId.KeyFor(userId)), new XElement("string", Path.GetFileName(folder)));
            JenkinsXml.AppendIndented(map, entry);
        });

    private void RemoveFromIdMapper(string userId) =>
        EditIdMapper(map =>
        {
            foreach (var entry in map.Elements("entry").Where(e => e.Elements("string").FirstOrDefault()?.Value == UserId.KeyFor(userId)).ToList())
            {
                if (entry.PreviousNode is XText whitespace && string.IsNullOrWhiteSpace(whitespace.Value))
                {
                    whitespace.Remove();
                }

                entry.Remove();
            }
        });

    private void EditIdMapper(Action<XElement> edit)
    {
        var path = home.Resolve("users", IdMapperFile);
        lock (_idMapperGate)
        {
            if (!File.Exists(path))
            {
                return;
            }

            var document = JenkinsXml.Load(path, home);
            var map = document.Root?.Element("idToDirectoryNameMap");
            if (map is null)
            {
                return;
            }

            edit(map);
            AtomicFile.Write(path, JenkinsXml.Serialize(document));
        }
    }

    /// <summary>
    /// The file as we last wrote or loaded it, so elements we do not model survive a change. Read again rather than
    /// kept: a parsed document per user would cost a large home gigabytes.
    /// </summary>
    private XDocument ReadBack(string configPath)
    {
        try
        {
            return JenkinsXml.Load(configPath, home);
        }
        catch (HomeDataException e)
        {
            throw new IOException($"{e.RelativePath} no longer reads ({e.Error}); it is left untouched.", e);
        }
    }

    private sealed record LoadedUser(string Folder, User User);

    /// <summary>One folder's outcome; <see cref="Id"/> is known once the file parsed.</summary>
    private sealed record UserRead(string Folder, string? Id, User? User, UnreadableUserFile? Unreadable);
}
