namespace JenkinsLite.Core.Jobs;

/// <summary>
/// Reads an item's config.xml into a <see cref="JobConfig"/> and makes the few edits Jenkins itself makes
/// to it (enable/disable, description). Implemented by Persistence; a DTD or entity is never processed.
/// </summary>
public interface IJobConfigFormat
{
    /// <summary>The parsed config, or null with a sentence saying why the XML was refused.</summary>
    JobConfig? Parse(byte[] configXml, out string? problem);

    /// <summary>The same document with the root's <c>&lt;disabled&gt;</c> set (added when missing).</summary>
    byte[] WithDisabled(byte[] configXml, bool disabled);

    /// <summary>The same document with the root's <c>&lt;description&gt;</c> set (added when missing).</summary>
    byte[] WithDescription(byte[] configXml, string description);

    /// <summary>
    /// The same document with the parts the "Configure" form shows replaced by <paramref name="settings"/>, written
    /// as Jenkins writes them; every other element (plugins' data, builders of other kinds) is kept byte for byte.
    /// </summary>
    byte[] WithSettings(byte[] configXml, FreestyleSettings settings);
}
