namespace JenkinsLite.Core.Jobs;

/// <summary>What the builds side needs from the jobs side: find an item by its full name.</summary>
public interface IJobCatalog
{
    /// <summary>Case-insensitive, as Jenkins looks items up; null when there is none.</summary>
    JobItem? Find(string fullName);
}
