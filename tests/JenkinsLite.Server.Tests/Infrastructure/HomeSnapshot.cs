using System.Security.Cryptography;
using JenkinsLite.Persistence.ApiTokens;
using JenkinsLite.Persistence.Home;

namespace JenkinsLite.Server.Tests.Infrastructure;

/// <summary>
/// The SHA-256 of every file of a home folder, to prove a refused (or read-only) request wrote nothing. Token
/// usage statistics (apiTokenStats.xml, flushed in the background) may change and are left out, and so are
/// atomic-write temps: what they carry lands in the file they replace.
/// </summary>
internal sealed class HomeSnapshot
{
    private readonly string _home;
    private readonly Dictionary<string, string> _hashes;

    private HomeSnapshot(string home)
    {
        _home = home;
        _hashes = Hash(home);
    }

    public static HomeSnapshot Take(string home) => new(home);

    /// <summary>Every file added, removed or changed since the snapshot, in order.</summary>
    public IReadOnlyList<string> ChangedFiles()
    {
        var now = Hash(_home);
        return _hashes.Keys.Union(now.Keys)
            .Where(f => _hashes.GetValueOrDefault(f) != now.GetValueOrDefault(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Fails naming every file added, removed or changed since the snapshot.</summary>
    public void AssertUnchanged() =>
        Assert.That(ChangedFiles(), Is.Empty, "files of the home written by a refused request");

    private static Dictionary<string, string> Hash(string home) =>
        Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(home, f))
            .Where(f => !Path.GetFileName(f).Contains("apiTokenStats.xml", StringComparison.Ordinal))
            .Where(f => !Path.GetFileName(f).Equals(TokenAddressFile.FileName, StringComparison.Ordinal)) // flushed with the stats
            .Where(f => !f.Replace('\\', '/').StartsWith(TokenAuditFile.RelativePath, StringComparison.Ordinal)) // a log: reads are observed too
            .Where(f => !f.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal))
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(home, f)))));
}
