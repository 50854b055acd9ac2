namespace JenkinsLite.Core.Jobs;

/// <summary>What an item is, from the root element of its config.xml.</summary>
public enum ItemKind
{
    /// <summary><c>&lt;project&gt;</c>: hudson.model.FreeStyleProject, which JenkinsLite builds.</summary>
    FreeStyle,

    /// <summary><c>&lt;com.cloudbees.hudson.plugins.folder.Folder&gt;</c>: holds other items under <c>jobs/</c>.</summary>
    Folder,

    /// <summary>Anything else (pipelines, Maven, matrix): stored and served, never built.</summary>
    Other,
}
