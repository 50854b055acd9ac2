namespace JenkinsLite.Core.Views;

/// <summary>A view of the root config.xml's <c>&lt;views&gt;</c>, as far as JenkinsLite understands it.</summary>
/// <param name="ClassName">e.g. <c>hudson.model.AllView</c> or <c>hudson.model.ListView</c>.</param>
/// <param name="JobNames">A list view's <c>&lt;jobNames&gt;</c>.</param>
/// <param name="IncludeRegex">A list view's <c>&lt;includeRegex&gt;</c>: top-level jobs whose name matches are shown too.</param>
public sealed record ViewConfig(string Name, string ClassName, string? Description, IReadOnlyList<string> JobNames, string? IncludeRegex)
{
    public const string AllViewClass = "hudson.model.AllView";
    public const string ListViewClass = "hudson.model.ListView";

    /// <summary>An AllView shows every item; every other kind of view shows the items it lists.</summary>
    public bool ShowsAll => ClassName == AllViewClass;

    /// <summary>A list view's <c>&lt;recurse&gt;</c>: its regex also matches items in folders, by full name.</summary>
    public bool Recurse { get; init; }
}
