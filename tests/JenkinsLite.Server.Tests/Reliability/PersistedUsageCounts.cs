using System.Globalization;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// Decision 6: a crash may forget the last seconds of token uses, but a count that reached
/// <c>apiTokenStats.xml</c> (so a client could have seen it persisted) never goes back, on disk or in what
/// the server reports after the restart. Remembers the highest count seen on disk per token.
/// </summary>
internal sealed class PersistedUsageCounts
{
    private readonly Dictionary<string, int> _highest = new(StringComparer.Ordinal);

    public int Checked { get; private set; }

    /// <summary>The uses of the tokens still live that reached the disk: zero would mean nothing was checked.</summary>
    public int PersistedUses => _highest.Values.Sum();

    /// <summary>Reads every user's stats file; a count below one seen before is a violation.</summary>
    public List<string> ReadDisk(string home, IReadOnlySet<string> liveTokens)
    {
        var violations = new List<string>();
        var onDisk = OnDisk(home);
        foreach (var uuid in liveTokens)
        {
            var count = onDisk.GetValueOrDefault(uuid);
            var highest = _highest.GetValueOrDefault(uuid);
            if (count < highest)
            {
                violations.Add($"token {uuid}: apiTokenStats.xml went back from {highest} to {count} uses");
            }

            _highest[uuid] = Math.Max(count, highest);
        }

        return violations;
    }

    /// <summary>What the server reports after the restart must be at least what was on disk before the kill.</summary>
    public string? CheckReported(string uuid, int reported)
    {
        Checked++;
        var highest = _highest.GetValueOrDefault(uuid);
        return reported < highest ? $"token {uuid}: the server reports {reported} uses after the restart, {highest} were on disk before the kill" : null;
    }

    public static Dictionary<string, int> OnDisk(string home)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var users = Path.Combine(home, "users");
        foreach (var file in Directory.Exists(users) ? Directory.EnumerateFiles(users, "apiTokenStats.xml", SearchOption.AllDirectories) : [])
        {
            foreach (var uuid in JenkinsXml.Parse(File.ReadAllBytes(file), file).Descendants("tokenUuid"))
            {
                var value = uuid.Parent?.Element("useCounter")?.Value;
                counts[uuid.Value] = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            }
        }

        return counts;
    }
}
