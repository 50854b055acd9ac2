namespace JenkinsLite.Core.Builds;

/// <summary>
/// Where builds are kept: Jenkins' <c>builds/&lt;n&gt;/build.xml</c>, <c>log</c> and <c>archive/</c>, and
/// <c>nextBuildNumber</c>. A build found without a result on load was running when the server stopped.
/// </summary>
public interface IBuildStore
{
    StoredBuilds Load(string jobFullName);

    void SaveNextBuildNumber(string jobFullName, int nextBuildNumber);

    /// <summary>Creates the build's folder, its console log starting with <paramref name="consoleHead"/>, and build.xml.</summary>
    void Begin(BuildRecord record, string consoleHead);

    /// <summary>Rewrites build.xml.</summary>
    void Save(BuildRecord record);

    void AppendConsole(string jobFullName, int number, string text);

    void Delete(string jobFullName, int number);

    void DeleteArtifacts(string jobFullName, int number);
}
