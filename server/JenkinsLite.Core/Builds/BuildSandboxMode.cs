namespace JenkinsLite.Core.Builds;

/// <summary>
/// Where shell steps run (decisions.md #16), from our own <c>&lt;jenkinslite.buildSandbox&gt;</c> element
/// of the root config.xml.
/// </summary>
public enum BuildSandboxMode
{
    /// <summary>No element: in the sandbox when bubblewrap works there, otherwise unsandboxed with a warning.</summary>
    Automatic,

    /// <summary><c>sandbox</c>: always in the sandbox; builds fail when it cannot be made.</summary>
    Required,

    /// <summary><c>none</c>: Jenkins' behaviour; a step can read the whole home, secrets included.</summary>
    None,
}
