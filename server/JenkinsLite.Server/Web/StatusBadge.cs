using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Web;

/// <summary>
/// A job's or a build's status as a person reads it: an icon (hidden from screen readers, which read the
/// word) and Jenkins' word for the ball colour, with "(in progress)" while a build runs. The API keeps the
/// colour names; <c>data-status</c> carries the colour for scripts and tests.
/// </summary>
internal static class StatusBadge
{
    private const string Building = "_anime";

    /// <summary>From a ball colour of the API: blue, red, yellow, aborted, notbuilt, disabled, each maybe "_anime".</summary>
    public static string OfColor(string color)
    {
        var building = color.EndsWith(Building, StringComparison.Ordinal);
        var ball = building ? color[..^Building.Length] : color;
        var (icon, word) = ball switch
        {
            "blue" => ("\u2714", "Success"),
            "red" => ("\u2716", "Failed"),
            "yellow" => ("\u26A0", "Unstable"),
            "aborted" => ("\u25A0", "Aborted"),
            "disabled" => ("\u2298", "Disabled"),
            "folder" => ("\u25A4", "Folder"),
            _ when building => ("\u25CC", "In progress"),
            _ => ("\u25CB", "Not built"),
        };
        var progress = building && ball != "notbuilt" ? """ <span class="progress">(in progress)</span>""" : string.Empty;
        return $"""<span class="status status-{Html.E(ball)}" data-status="{Html.E(color)}"><span class="status-icon" aria-hidden="true">{icon}</span> {word}{progress}</span>""";
    }

    /// <summary>One build's result (none yet while it runs) in the same words.</summary>
    public static string OfBuild(BuildRecord build) => OfColor(build.Building ? "notbuilt" + Building : build.Result switch
    {
        BuildResult.Success => "blue",
        BuildResult.Unstable => "yellow",
        BuildResult.Failure => "red",
        BuildResult.Aborted => "aborted",
        _ => "notbuilt",
    });
}
