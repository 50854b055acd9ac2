using System.Globalization;
using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// The RANGE argument of Jenkins' run-range commands (delete-builds, list-changes): <c>N</c>, <c>N-M</c>
/// (inclusive) and comma-separated lists of them, parsed as Jenkins' <c>RangeSet.fromString</c> does, with
/// its messages; a bad range is exit 3.
/// </summary>
internal sealed class BuildRange
{
    private readonly List<(int Low, int High)> _ranges;

    private BuildRange(List<(int Low, int High)> ranges) => _ranges = ranges;

    /// <summary>Jenkins' Job.getBuilds(RangeSet): range by range as written, each one's builds oldest first.</summary>
    public IEnumerable<BuildRecord> Of(IReadOnlyList<BuildRecord> builds) =>
        _ranges.SelectMany(r => builds.Where(b => b.Number >= r.Low && b.Number <= r.High).OrderBy(b => b.Number));

    public static BuildRange Parse(string text)
    {
        CliException Problem(string expected) => CliException.IllegalArgument($"Unable to parse '{text}', {expected}");
        const string Notation = "expected correct notation M,N or M-N";

        if (text.Contains("--", StringComparison.Ordinal) || text.Contains(",,", StringComparison.Ordinal))
        {
            throw Problem(Notation);
        }

        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (items.Length > 1 && items.Length <= text.Count(c => c == ','))
        {
            throw Problem(Notation); // a leading or trailing comma
        }

        var ranges = new List<(int, int)>();
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                throw Problem("expected number");
            }

            if (!item.Contains('-', StringComparison.Ordinal))
            {
                var single = Number(item) ?? throw Problem("expected number");
                ranges.Add((single, single));
                continue;
            }

            if (item.Count(c => c == '-') > 1)
            {
                throw Problem(Notation);
            }

            var bounds = item.Split('-', StringSplitOptions.RemoveEmptyEntries);
            if (bounds.Length != 2)
            {
                throw Problem("expected string with a range M-N");
            }

            var (low, high) = (Number(bounds[0]) ?? throw Problem("expected number"), Number(bounds[1]) ?? throw Problem("expected number"));
            if (low > high)
            {
                throw Problem("expected string with a range M-N where M<N");
            }

            ranges.Add((low, high));
        }

        return new BuildRange(ranges);
    }

    // Java's Integer.parseInt: an optional sign, then digits.
    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
