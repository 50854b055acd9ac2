namespace JenkinsLite.Persistence.Home;

/// <summary>The JENKINS_HOME folder: every path into it is checked to stay inside it.</summary>
public sealed class JenkinsHome
{
    public JenkinsHome(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
    }

    /// <summary>Full path, ending with a separator.</summary>
    public string Root { get; }

    public string UsersFolder => Resolve("users");

    public string ConfigXml => Resolve("config.xml");

    /// <summary>
    /// Held by every store that rewrites a part of the root config.xml (views, the built-in node), so two
    /// edits of different elements never overwrite each other.
    /// </summary>
    public Lock ConfigXmlGate { get; } = new();

    /// <summary>A path inside the home; throws when <paramref name="relative"/> would leave it.</summary>
    public string Resolve(params string[] relative)
    {
        var full = Path.GetFullPath(Path.Combine([Root, .. relative]));
        if (!full.StartsWith(Root, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != Root)
        {
            throw new ArgumentException("The path leaves JENKINS_HOME.", nameof(relative));
        }

        return full;
    }

    public string RelativePath(string full) => Path.GetRelativePath(Root, full).Replace('\\', '/');
}
