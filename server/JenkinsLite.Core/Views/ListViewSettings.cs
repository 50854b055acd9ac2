namespace JenkinsLite.Core.Views;

/// <summary>
/// What a list view's Configure form edits: the description, the jobs named by tick boxes (full names, so items in
/// folders too), the regular expression that adds jobs, and whether it looks into folders (Jenkins' <c>recurse</c>).
/// </summary>
public sealed record ListViewSettings(string? Description, IReadOnlyList<string> JobNames, string? IncludeRegex, bool Recurse);
