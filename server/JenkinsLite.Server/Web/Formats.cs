using System.Globalization;

namespace JenkinsLite.Server.Web;

/// <summary>How pages word counts, dates and durations (Razor encodes the results).</summary>
internal static class Formats
{
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

    /// <summary>A user's page under /user/, the id escaped as one path segment.</summary>
    public static string UserUrl(string userId, string page) => $"/user/{Uri.EscapeDataString(userId)}/{page}";
}
