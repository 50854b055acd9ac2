namespace JenkinsLite.Core.Jobs;

/// <summary>
/// Jenkins' <c>ItemListener</c>, as far as JenkinsLite needs it: the sides that keep item names (builds and
/// queue, list views) hear from <see cref="JobRegistry"/> once a change is on disk. A change to a folder is
/// told once for the folder, then once for each item in it, as Jenkins' <c>fireLocationChange</c> does.
/// </summary>
public interface IItemListener
{
    /// <summary>Jenkins' <c>onDeleted</c>: the item is gone from disk and from the registry.</summary>
    void OnDeleted(JobItem item);

    /// <summary>Jenkins' <c>onLocationChanged</c>: the item, now at <paramref name="newFullName"/>, was renamed or moved.</summary>
    void OnLocationChanged(JobItem item, string oldFullName, string newFullName);
}
