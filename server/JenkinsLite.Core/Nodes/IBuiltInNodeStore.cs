namespace JenkinsLite.Core.Nodes;

/// <summary>
/// Where the built-in node's offline state is kept: Jenkins' <c>&lt;temporaryOfflineCause&gt;</c> in the
/// root config.xml. Implemented by Persistence.
/// </summary>
public interface IBuiltInNodeStore
{
    NodeOfflineCause? LoadOfflineCause();

    /// <summary>Writes the cause, or removes it when null.</summary>
    void SaveOfflineCause(NodeOfflineCause? cause);
}
