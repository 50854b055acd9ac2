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
    private static readonly ParallelOptions LoadingParallelism = new() { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1) };

    // Replaced whole by each LoadAll, so a load in progress never hides the folders of the last one.
    private volatile ConcurrentDictionary<string, LoadedUser> _loaded = new();
    // Users read alone (ReadOne) before the first LoadAll ends: their folders, for their usage statistics.
    private readonly ConcurrentDictionary<string, string> _foldersReadAlone = new();
    private readonly Lock _idMapperGate = new();
    private Lazy<IdMap> _idMapForReadOne = new(() => IdMap.Read(home));

    public UserLoad LoadAll()
    {
        var loaded = new ConcurrentDictionary<string, LoadedUser>();
        var users = new List<User>();
        var unreadable = new List<UnreadableUserFile>();
        if (!Directory.Exists(home.UsersFolder))
        {
            Replace(loaded);
            return new UserLoad(users, unreadable);
        }

        var dirToId = MappedIds(unreadable);

        // Mapped folders first: when two folders claim one id, the users.xml mapping wins (as in Jenkins).
        var folders = UserFolders()
            .OrderBy(d => dirToId.ContainsKey(Path.GetFileName(d)) ? 0 : 1)
            .ThenBy(d => d, StringComparer.Ordinal)
            .ToList();

        // Parsed in parallel (a home may hold 100,000 users), then taken in the order above. One core is left to
        // the requests answered meanwhile (UserAccounts.StartLoading); on two cores the loading thread reads alone.
        var reads = new UserRead[folders.Count];
        Parallel.For(0, folders.Count, LoadingParallelism,
            i => reads[i] = ReadUser(folders[i], dirToId.GetValueOrDefault(Path.GetFileName(folders[i]))));
        foreach (var read in reads)
        {
            if (read.Id is { } id && loaded.ContainsKey(UserId.KeyFor(id)))
            {
                continue; // another folder claims this id and came first
            }

            if (read.Unreadable is { } problem)
            {
                unreadable.Add(problem);
            }
            else
            {
                loaded[UserId.KeyFor(read.User!.Id)] = new LoadedUser(Path.GetFileName(read.Folder), read.User);
                users.Add(read.User);
            }
        }

        Replace(loaded);
        return new UserLoad(users, unreadable);
    }

    /// <summary>
    /// The one folder an id leads to without reading the others: its users.xml entry, else (no users.xml) the
    /// 2.524+ folder name the id hashes to, else the folder named as the id (before 2.150). Null when none holds
    /// the user; a folder of another name claiming the id is found by <see cref="LoadAll"/> only.
    /// </summary>
    public UserFileRead? ReadOne(string userId)
    {
        var key = UserId.KeyFor(userId);
        IdMap map;
        try
        {
            map = _idMapForReadOne.Value;
        }
        catch (HomeDataException)
        {
            return null; // LoadAll reports the broken users.xml
        }

        foreach (var (folder, mappedId) in CandidateFolders(userId, map))
        {
            if (!File.Exists(Path.Combine(folder, "config.xml")))
            {
                continue;
            }

            var read = ReadUser(folder, mappedId);
            if (read.User is { } user && UserId.KeyFor(user.Id) == key)
            {
                _foldersReadAlone[key] = folder;
                return new UserFileRead(user, null);
            }

            if (read.Unreadable is { } problem && UserId.KeyFor(problem.UserId) == key)
            {
                return new UserFileRead(null, problem);
            }
        }

        return null;
    }

    /// <summary>Whether any user file is unreadable or holds a user <paramref name="matches"/> accepts; reads folder by folder and stops at the first.</summary>
    public bool AnyUserFile(Func<User, bool> matches)
    {
        if (!Directory.Exists(home.UsersFolder))
        {
            return false;
        }

        var unreadable = new List<UnreadableUserFile>();
        var dirToId = MappedIds(unreadable);
        return unreadable.Count > 0 || UserFolders().Any(folder =>
            ReadUser(folder, dirToId.GetValueOrDefault(Path.GetFileName(folder))) is var read
            && (read.Unreadable is not null || matches(read.User!)));
    }

    private IEnumerable<(string Folder, string? MappedId)> CandidateFolders(string userId, IdMap map)
    {
        var key = UserId.KeyFor(userId);
        if (map.ById is not null)
        {
            if (map.ById.TryGetValue(key, out var mapped) && mapped.Folder == Path.GetFileName(mapped.Folder) && mapped.Folder is not ("." or ".."))
            {
                yield return (home.Resolve("users", mapped.Folder), mapped.Id);
            }

            yield break;
        }

        if (secrets.ExistingDirNamesKey() is { } dirNamesKey)
        {
            yield return (home.Resolve("users", UserDirectoryName.For(userId, dirNamesKey)), null);
        }

        if (key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && key is not ("." or ".."))
        {
            yield return (home.Resolve("users", key), null);
        }
    }

    private void Replace(ConcurrentDictionary<string, LoadedUser> loaded)
    {
        _loaded = loaded;
        _foldersReadAlone.Clear();
        _idMapForReadOne = new(() => IdMap.Read(home));
    }

    private IEnumerable<string> UserFolders() =>
        Directory.EnumerateDirectories(home.UsersFolder).Where(d => File.Exists(Path.Combine(d, "config.xml")));

    /// <summary>users.xml as folder name to id; a broken map is reported in <paramref name="unreadable"/> and read as empty.</summary>
    private Dictionary<string, string> MappedIds(List<UnreadableUserFile> unreadable)
    {
        try
        {
            return ReadIdMapper(home)?.ToDictionary(e => e.Value, e => e.Key, StringComparer.Ordinal) ?? [];
        }
        catch (HomeDataException e)
        {
            unreadable.Add(new UnreadableUserFile(string.Empty, e.RelativePath, e.Error, e.Line, e.Column));
            return [];
        }
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
        LoadedUser? loaded = _loaded.TryGetValue(key, out var found) ? found : null;
        var folder = loaded is { } known ? PathOf(known) : NewFolderFor(user.Id);
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

        _loaded[key] = new LoadedUser(Path.GetFileName(folder), user);
    }

    public void Delete(string userId)
    {
        if (!_loaded.TryRemove(UserId.KeyFor(userId), out var loaded))
        {
            return;
        }

        // A rename first, so a crash never leaves half a user folder that still loads.
        var trash = home.Resolve("users", $".deleted-{Guid.NewGuid():N}");
        Directory.Move(PathOf(loaded), trash);
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
    public string? FolderOf(string userId) =>
        _loaded.TryGetValue(UserId.KeyFor(userId), out var loaded) ? PathOf(loaded) : _foldersReadAlone.GetValueOrDefault(UserId.KeyFor(userId));

    private string? StatsPath(string userId) => FolderOf(userId) is { } folder ? Path.Combine(folder, StatsFile) : null;

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

    private static Dictionary<string, string>? ReadIdMapper(JenkinsHome home)
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

    private string PathOf(LoadedUser loaded) => Path.Combine(home.UsersFolder, loaded.FolderName);

    /// <summary>
    /// A loaded user's folder (its name alone: the users folder is the same for all) and the user as last read or
    /// saved, which a save compares with. A value in the dictionary's own entry: a home may hold 100,000.
    /// </summary>
    private readonly record struct LoadedUser(string FolderName, User User);

    /// <summary>users.xml by id key (null: the home has no users.xml), for <see cref="ReadOne"/>.</summary>
    private sealed record IdMap(Dictionary<string, (string Id, string Folder)>? ById)
    {
        public static IdMap Read(JenkinsHome home) =>
            new(ReadIdMapper(home)?.GroupBy(e => UserId.KeyFor(e.Key))
                .ToDictionary(g => g.Key, g => (Id: g.First().Key, Folder: g.First().Value), StringComparer.Ordinal));
    }

    /// <summary>One folder's outcome; <see cref="Id"/> is known once the file parsed.</summary>
    private sealed record UserRead(string Folder, string? Id, User? User, UnreadableUserFile? Unreadable);
}
