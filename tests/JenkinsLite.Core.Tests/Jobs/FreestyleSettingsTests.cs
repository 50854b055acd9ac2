using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Tests.Jobs;

/// <summary>Jenkins' checks on the Configure form's settings, keyed by the field they belong to.</summary>
internal sealed class FreestyleSettingsTests
{
    [Test]
    public void Problems_DuplicateAndEmptyNames_NegativeNumbers_NoFilesToArchive_ByField()
    {
        // Arrange
        ParameterDefinition Text(string name) => new(string.Empty, ParameterKind.Text, name, null, null, [], false);
        var settings = new FreestyleSettings(string.Empty, false, new BuildDiscarder(-1, null, null, -2),
            [Text("A"), Text("A"), Text(" "), new(string.Empty, ParameterKind.Choice, "C", null, null, [], false)], -5, " ", [],
            Archiver: new ArtifactArchiver("  ", null, false, false));

        // Act
        var problems = settings.Problems();

        // Assert
        Assert.That(problems.Keys, Is.EquivalentTo((string[])["daysToKeep", "artifactNumToKeep", "quietPeriod", "authToken", "parameter.1.name", "parameter.2.name", "parameter.3.choices", "artifacts"]));
    }
}
