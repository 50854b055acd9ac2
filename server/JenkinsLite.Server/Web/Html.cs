using System.Globalization;
using System.Net;

namespace JenkinsLite.Server.Web;

/// <summary>Encoding for everything a page shows that a user or a file could control.</summary>
internal static class Html
{
    /// <summary>Text or a double-quoted attribute value: &lt; &gt; &amp; " and ' are encoded.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>One path segment of a link (a user id, say), then encoded for the attribute.</summary>
    public static string Segment(string text) => E(Uri.EscapeDataString(text));

    public static string Plural(long count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    public static string Date(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "Unknown";

    /// <summary>A build's duration: "850 ms", "12.5 s", "3 min 4 s".</summary>
    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds < 1 ? duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : duration.TotalMinutes < 1 ? duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
        : $"{(int)duration.TotalMinutes} min {duration.Seconds} s";

    /// <summary>Jenkins' classic wording: "today", "1 day ago", "N days ago".</summary>
    public static string DaysAgo(int days) => days <= 0 ? "today" : Plural(days, "day", "days") + " ago";

    /// <summary>A local path to return to after signing in; anything else (another host, "//x", "/\x") is "/".</summary>
    public static string LocalPath(string? from) =>
        from is { Length: > 0 } f && f[0] == '/' && (f.Length == 1 || (f[1] != '/' && f[1] != '\\')) && !f.Any(char.IsControl)
            ? f
            : "/";
}
