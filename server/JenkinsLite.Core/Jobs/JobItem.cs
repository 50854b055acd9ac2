namespace JenkinsLite.Core.Jobs;

/// <summary>An item as JenkinsLite knows it: its full name ("folder/job") and what its config says.</summary>
/// <param name="HeldAfterCopy">A copy made with mode=copy cannot be built until it is saved once (Jenkins' "holdOffBuildUntilSave").</param>
public sealed record JobItem(string FullName, JobConfig Config, bool HeldAfterCopy)
{
    public string Name => FullName[(FullName.LastIndexOf('/') + 1)..];

    /// <summary>The folder's full name, or "" for a top-level item.</summary>
    public string Parent => FullName.Contains('/', StringComparison.Ordinal) ? FullName[..FullName.LastIndexOf('/')] : string.Empty;

    /// <summary>Jenkins' getFullDisplayName: the names from the top folder down, joined by " » ".</summary>
    public string FullDisplayName => FullDisplayNameOf(FullName);

    /// <summary>The full display name of the item with this full name (JenkinsLite items have no display names of their own).</summary>
    public static string FullDisplayNameOf(string fullName) => fullName.Replace("/", " » ", StringComparison.Ordinal);
}
