using System.Text;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Secrets;

namespace JenkinsLite.Persistence.Tests.Jobs;

internal sealed class JobConfigXmlTests
{
    // A home without keys: parsing creates none.
    private static readonly JobConfigXml Format = new(new HomeSecrets(Path.Combine(Path.GetTempPath(), "jenkinslite-no-home")));

    private static JobConfig Parse(string xml) =>
        Format.Parse(Encoding.UTF8.GetBytes(xml), out var problem) ?? throw new AssertionException(problem ?? "no config");

    [Test]
    public void Parse_SeededGreetJob_ReadsParametersAndShell()
    {
        // Arrange
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "jobs", "greet", "config.xml");

        // Act
        var config = Format.Parse(File.ReadAllBytes(path), out _)!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(config.ClassName, Is.EqualTo("hudson.model.FreeStyleProject"));
            Assert.That(config.Kind, Is.EqualTo(ItemKind.FreeStyle));
            Assert.That(config.Parameters.Select(p => p.Name), Is.EqualTo((string[])["NAME", "GREETING", "SHOUT"]));
            Assert.That(config.Parameters[0].DefaultValue, Is.EqualTo("world"));
            Assert.That(config.Parameters[0].Trim, Is.True);
            Assert.That(config.Parameters[1].Choices, Is.EqualTo((string[])["Hello", "Hi", "Good morning"]));
            Assert.That(config.Parameters[1].DefaultValue, Is.EqualTo("Hello"));
            Assert.That(config.Parameters[2].Kind, Is.EqualTo(ParameterKind.Boolean));
            Assert.That(config.Parameters[2].DefaultValue, Is.EqualTo("false"));
            Assert.That(config.ShellCommands.Single(), Does.StartWith("message=\"${GREETING}, ${NAME}!\""));
        });
    }

    [Test]
    public void Parse_EveryField_Read()
    {
        var config = Parse("""
            <?xml version='1.1' encoding='UTF-8'?>
            <project>
              <description>d</description>
              <logRotator class="hudson.tasks.LogRotator"><daysToKeep>-1</daysToKeep><numToKeep>5</numToKeep><artifactDaysToKeep>-1</artifactDaysToKeep><artifactNumToKeep>2</artifactNumToKeep></logRotator>
              <properties>
                <hudson.model.ParametersDefinitionProperty><parameterDefinitions>
                  <hudson.model.ChoiceParameterDefinition><name>C</name><choices><string>x</string><string>y</string></choices></hudson.model.ChoiceParameterDefinition>
                  <hudson.model.TextParameterDefinition><name>T</name><defaultValue>a
            b</defaultValue></hudson.model.TextParameterDefinition>
                  <hudson.model.PasswordParameterDefinition><name>P</name><defaultValue>{AQAAABAAAAAQ}</defaultValue></hudson.model.PasswordParameterDefinition>
                </parameterDefinitions></hudson.model.ParametersDefinitionProperty>
              </properties>
              <assignedNode>linux</assignedNode>
              <disabled>true</disabled>
              <authToken>secret-token</authToken>
              <concurrentBuild>true</concurrentBuild>
              <quietPeriod>0</quietPeriod>
              <builders><hudson.tasks.Shell><command>one</command></hudson.tasks.Shell><hudson.tasks.Shell><command>two</command></hudson.tasks.Shell></builders>
              <publishers><hudson.tasks.ArtifactArchiver><artifacts>out/*.txt</artifacts><excludes>x</excludes><allowEmptyArchive>true</allowEmptyArchive><onlyIfSuccessful>true</onlyIfSuccessful></hudson.tasks.ArtifactArchiver></publishers>
            </project>
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.Description, Is.EqualTo("d"));
            Assert.That(config.Disabled, Is.True);
            Assert.That(config.AuthToken, Is.EqualTo("secret-token"));
            Assert.That(config.ConcurrentBuild, Is.True);
            Assert.That(config.QuietPeriod, Is.Zero);
            Assert.That(config.AssignedLabel, Is.EqualTo("linux"));
            Assert.That(config.Discarder, Is.EqualTo(new BuildDiscarder(null, 5, null, 2)));
            Assert.That(config.ShellCommands, Is.EqualTo((string[])["one", "two"]));
            Assert.That(config.Archiver, Is.EqualTo(new ArtifactArchiver("out/*.txt", "x", true, true)));
            Assert.That(config.Parameters[0].Choices, Is.EqualTo((string[])["x", "y"]));
            Assert.That(config.Parameters[1].Kind, Is.EqualTo(ParameterKind.MultiLineText));
            Assert.That(config.Parameters[1].DefaultValue, Is.EqualTo("a\nb"));
            Assert.That(config.Parameters[2].Kind, Is.EqualTo(ParameterKind.Password));
            Assert.That(config.Parameters[2].DefaultValue, Is.EqualTo("{AQAAABAAAAAQ}"));
        });
    }

    [Test]
    public void Parse_BuildDiscarderProperty_ReadsItsLogRotator()
    {
        var config = Parse("""
            <project><properties><jenkins.model.BuildDiscarderProperty><strategy class="hudson.tasks.LogRotator">
            <daysToKeep>3</daysToKeep><numToKeep>-1</numToKeep></strategy></jenkins.model.BuildDiscarderProperty></properties></project>
            """);

        Assert.That(config.Discarder, Is.EqualTo(new BuildDiscarder(3, null, null, null)));
    }

    [TestCase("<project/>", "hudson.model.FreeStyleProject", ItemKind.FreeStyle)]
    [TestCase("<com.cloudbees.hudson.plugins.folder.Folder/>", "com.cloudbees.hudson.plugins.folder.Folder", ItemKind.Folder)]
    [TestCase("<flow-definition plugin='workflow-job'/>", "org.jenkinsci.plugins.workflow.job.WorkflowJob", ItemKind.Other)]
    [TestCase("<maven2-moduleset/>", "hudson.maven.MavenModuleSet", ItemKind.Other)]
    [TestCase("<matrix-project/>", "hudson.matrix.MatrixProject", ItemKind.Other)]
    [TestCase("<org.example.Custom/>", "org.example.Custom", ItemKind.Other)]
    public void Parse_RootElement_GivesClassAndKind(string xml, string className, ItemKind kind)
    {
        var config = Parse(xml);

        Assert.Multiple(() =>
        {
            Assert.That(config.ClassName, Is.EqualTo(className));
            Assert.That(config.Kind, Is.EqualTo(kind));
        });
    }

    [TestCase("<!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><project><description>&x;</description></project>")]
    [TestCase("<!DOCTYPE project [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><project>&b;</project>")]
    [TestCase("<project><description>unclosed</project>")]
    [TestCase("not xml")]
    public void Parse_DtdEntityOrMalformed_RefusedWithAReason(string xml)
    {
        var config = Format.Parse(Encoding.UTF8.GetBytes(xml), out var problem);

        Assert.Multiple(() =>
        {
            Assert.That(config, Is.Null);
            Assert.That(problem, Is.Not.Empty);
        });
    }

    [Test]
    public void WithDisabled_KeepsUnknownElementsAndSetsTheFlag()
    {
        var xml = Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <plugin.Thing a=\"1\"><x/></plugin.Thing>\n  <disabled>false</disabled>\n</project>");

        var text = Encoding.UTF8.GetString(Format.WithDisabled(xml, true));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("<plugin.Thing a=\"1\">"));
            Assert.That(text, Does.Contain("<disabled>true</disabled>"));
            Assert.That(text, Does.StartWith("<?xml version='1.1' encoding='UTF-8'?>"));
        });
    }

    [Test]
    public void WithDescription_NoElement_AddsIt()
    {
        var text = Encoding.UTF8.GetString(Format.WithDescription(Encoding.UTF8.GetBytes("<project>\n  <disabled>false</disabled>\n</project>"), "new <text>"));

        Assert.That(Parse(text).Description, Is.EqualTo("new <text>"));
    }
}
