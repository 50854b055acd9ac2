using System.Globalization;
using System.Text.RegularExpressions;

namespace JenkinsLite.Persistence.Xml;

/// <summary>
/// XStream's java.util.Date form, <c>2022-08-18 09:50:55.535 UTC</c>, where the part after the dot is
/// the millisecond count without zero padding (".5" is 5 ms, not 500). Reading also takes the forms
/// without milliseconds and ISO 8601.
/// </summary>
public static partial class XStreamDate
{
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return $"{utc:yyyy-MM-dd HH:mm:ss}.{utc.Millisecond} UTC";
    }

    public static DateTimeOffset? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = XStreamForm().Match(text.Trim());
        if (match.Success)
        {
            if (!DateTime.TryParseExact(match.Groups["dt"].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var seconds))
            {
                return null; // the right shape but no such date (2022-02-30)
            }

            var ms = match.Groups["ms"].Success ? int.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture) : 0;
            return new DateTimeOffset(seconds.AddMilliseconds(ms), TimeSpan.Zero) - OffsetOf(match.Groups["zone"].Value);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
            ? iso.ToUniversalTime()
            : null;
    }

    // Jenkins writes UTC; other zones only appear in hand-edited files, written as an offset.
    private static TimeSpan OffsetOf(string zone)
    {
        var offset = ZoneOffset().Match(zone);
        if (!offset.Success)
        {
            return TimeSpan.Zero;
        }

        var span = new TimeSpan(int.Parse(offset.Groups["h"].Value, CultureInfo.InvariantCulture),
            offset.Groups["m"].Success ? int.Parse(offset.Groups["m"].Value, CultureInfo.InvariantCulture) : 0, 0);
        return offset.Groups["sign"].Value == "-" ? -span : span;
    }

    [GeneratedRegex(@"^(?<dt>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\.(?<ms>\d{1,3}))?(?: (?<zone>\S+))?$")]
    private static partial Regex XStreamForm();

    [GeneratedRegex(@"^(?:UTC|GMT)?(?<sign>[+-])(?<h>\d{1,2}):?(?<m>\d{2})?$")]
    private static partial Regex ZoneOffset();
}
