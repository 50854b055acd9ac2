using System.Text;
using System.Text.RegularExpressions;

namespace JenkinsLite.Core.Builds;

/// <summary>
/// Ant's file patterns as the ArtifactArchiver uses them: comma-separated, relative to the workspace,
/// <c>**</c> any number of folders, <c>*</c> any characters but '/', <c>?</c> one character, and a
/// pattern ending in '/' meaning everything below.
/// </summary>
public sealed class AntPattern
{
    private readonly Regex[] _patterns;

    public AntPattern(string? patterns)
    {
        _patterns = [.. (patterns ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ToRegex)];
    }

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>Whether any pattern matches <paramref name="relativePath"/> ('/' separators).</summary>
    public bool Matches(string relativePath) => _patterns.Any(p => p.IsMatch(relativePath));

    private static Regex ToRegex(string pattern)
    {
        pattern = pattern.Replace('\\', '/');
        if (pattern.EndsWith('/'))
        {
            pattern += "**";
        }

        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var regex = new StringBuilder("^");
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] == "**")
            {
                regex.Append(last ? ".*" : "(?:[^/]*/)*");
                continue;
            }

            foreach (var c in segments[i])
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            if (!last)
            {
                regex.Append('/');
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }
}
