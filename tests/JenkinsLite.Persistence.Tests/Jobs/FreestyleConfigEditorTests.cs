using System.Text;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Jobs;

namespace JenkinsLite.Persistence.Tests.Jobs;

/// <summary>JobConfigXml.WithSettings edits only what the Configure form shows, in place, and keeps the rest.</summary>
internal sealed class FreestyleConfigEditorTests
{
    private static readonly JobConfigXml Format = new();

    private const string Legacy = """
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <description>old</description>
          <logRotator class="hudson.tasks.LogRotator">
            <daysToKeep>3</daysToKeep>
            <numToKeep>-1</numToKeep>
            <artifactDaysToKeep>1</artifactDaysToKeep>
            <artifactNumToKeep>-1</artifactNumToKeep>
          </logRotator>
          <keepDependencies>false</keepDependencies>
          <properties>
            <hudson.model.ParametersDefinitionProperty>
              <parameterDefinitions>
                <hudson.model.PasswordParameterDefinition>
                  <name>SECRET</name>
                  <defaultValue>{AQAAABAAAAAQ}</defaultValue>
                </hudson.model.PasswordParameterDefinition>
                <hudson.model.StringParameterDefinition>
                  <name>KEEP</name>
                  <defaultValue>a</defaultValue>
                  <plugin.Extra>stays</plugin.Extra>
                  <trim>true</trim>
                </hudson.model.StringParameterDefinition>
              </parameterDefinitions>
            </hudson.model.ParametersDefinitionProperty>
          </properties>
          <scm class="hudson.scm.NullSCM"/>
          <canRoam>true</canRoam>
          <disabled>false</disabled>
          <triggers/>
          <builders/>
        </project>
        """;

    [Test]
    public void WithSettings_EditsInPlace_MovesTheOldLogRotator_KeepsHiddenParameterKinds()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(Legacy);
        var current = Format.Parse(bytes, out _)!;
        var settings = FreestyleSettings.Of(current) with
        {
            Description = "new",
            Discarder = current.Discarder! with { NumToKeep = 4 },
            Parameters = [current.Parameters.Single(p => p.Name == "KEEP") with { DefaultValue = "b" }],
            QuietPeriod = 2,
            AuthToken = "tok",
            ShellCommands = ["make"],
        };

        // Act
        var xml = Encoding.UTF8.GetString(Format.WithSettings(bytes, settings));
        var reread = Format.Parse(Encoding.UTF8.GetBytes(xml), out _)!;

        // Assert
        Assert.That(xml, Does.Not.Contain("<logRotator"));
        Assert.That(xml, Does.Contain("<scm class=\"hudson.scm.NullSCM\"/>\n  <quietPeriod>2</quietPeriod>\n  <canRoam>true</canRoam>"), "XStream's field order");
        Assert.That(xml, Does.Contain("<disabled>false</disabled>\n  <authToken>tok</authToken>\n  <triggers/>"));
        Assert.That(xml, Does.Contain("<defaultValue>b</defaultValue>\n          <plugin.Extra>stays</plugin.Extra>\n          <trim>true</trim>"), "edited in place");
        Assert.That(reread.Parameters.Select(p => p.Name), Is.EqualTo((string[])["KEEP", "SECRET"]), "the password parameter the form does not show stays");
        Assert.That(reread.Discarder, Is.EqualTo(new BuildDiscarder(3, 4, 1, null)), "artifact limits the form does not show stay");
        Assert.That(reread.ShellCommands, Is.EqualTo((string[])["make"]));
        Assert.That(reread.Description, Is.EqualTo("new"));
    }
}
