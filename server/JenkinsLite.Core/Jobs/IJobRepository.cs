namespace JenkinsLite.Core.Jobs;

/// <summary>
/// Where items are kept: Jenkins' <c>jobs/</c> folder, nested under <c>jobs/&lt;folder&gt;/jobs/</c>.
/// A config.xml is stored byte for byte. Implemented by Persistence; the registry is its only caller.
/// </summary>
public interface IJobRepository
{
    /// <summary>Every item found, parents before their children; items whose config.xml cannot be read are reported apart.</summary>
    JobLoad LoadAll();

    /// <summary>The stored config.xml, or null when the item has none.</summary>
    byte[]? ReadConfig(string fullName);

    /// <summary>
    /// Creates the item's folder with its config.xml (and, for a copied folder, its descendants, by
    /// path relative to it) so that it appears whole or not at all. False when the folder already exists.
    /// </summary>
    bool Create(string fullName, byte[] configXml, IReadOnlyList<(string RelativeName, byte[] ConfigXml)> descendants);

    /// <summary>Replaces the config.xml atomically.</summary>
    void WriteConfig(string fullName, byte[] configXml);

    /// <summary>Removes the item's folder with everything in it (builds, children); it vanishes at once.</summary>
    void Delete(string fullName);

    /// <summary>Moves the item's folder to a new name in the same parent.</summary>
    void Rename(string fullName, string newFullName);
}
