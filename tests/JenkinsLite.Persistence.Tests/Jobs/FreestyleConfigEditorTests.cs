using System.Text;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.Jobs;

/// <summary>JobConfigXml.WithSettings edits only what the Configure form shows, in place, and keeps the rest.</summary>
internal sealed class FreestyleConfigEditorTests
{
    private TempHome _home = null!;
    private JobConfigXml Format = null!;

    [SetUp]
    public void NewHome()
    {
        _home = TempHome.Empty();
        Format = new JobConfigXml(new HomeSecrets(_home.Home));
    }

    [TearDown]
    public void RemoveHome() => _home.Dispose();

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
                <hudson.model.FileParameterDefinition>
                  <name>UPLOAD</name>
                </hudson.model.FileParameterDefinition>
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
        Assert.That(reread.Parameters.Select(p => p.Name), Is.EqualTo((string[])["KEEP", "UPLOAD"]), "the file parameter the form does not show stays");
        Assert.That(reread.Discarder, Is.EqualTo(new BuildDiscarder(3, 4, 1, null)), "artifact limits the form does not show stay");
        Assert.That(reread.ShellCommands, Is.EqualTo((string[])["make"]));
        Assert.That(reread.Description, Is.EqualTo("new"));
    }

    [Test]
    public void WithSettings_TextAndPasswordParameters_WrittenAsJenkins_PasswordEncryptedAndKeptWhenUnchanged()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <properties/>\n  <builders/>\n</project>");
        var settings = FreestyleSettings.Of(Format.Parse(bytes, out _)!) with
        {
            Parameters =
            [
                new ParameterDefinition(string.Empty, ParameterKind.MultiLineText, "NOTES", "what changed", "line one\nline two", [], false),
                new ParameterDefinition(string.Empty, ParameterKind.Password, "DEPLOY_KEY", null, "s3cret-default", [], false),
            ],
        };

        // Act
        var first = Format.WithSettings(bytes, settings);
        var reread = Format.Parse(first, out _)!;
        var second = Format.WithSettings(first, FreestyleSettings.Of(reread));
        var changed = Encoding.UTF8.GetString(Format.WithSettings(first, FreestyleSettings.Of(reread) with
        {
            Parameters = [reread.Parameters[0], reread.Parameters[1] with { DefaultValue = "other" }],
        }));

        // Assert
        var xml = Encoding.UTF8.GetString(first);
        Assert.That(xml, Does.Contain("""
                    <hudson.model.TextParameterDefinition>
                      <name>NOTES</name>
                      <description>what changed</description>
                      <defaultValue>line one
            line two</defaultValue>
                      <trim>false</trim>
                    </hudson.model.TextParameterDefinition>
                    <hudson.model.PasswordParameterDefinition>
                      <name>DEPLOY_KEY</name>
                      <defaultValue>{
            """.ReplaceLineEndings("\n")));
        Assert.That(xml, Does.Not.Contain("s3cret-default"), "the default is stored encrypted");
        Assert.That(File.Exists(_home.PathOf("secrets", "hudson.util.Secret")), Is.True, "the home's keys were created to encrypt it");
        Assert.That(reread.Parameters.Select(p => (p.Kind, p.DefaultValue)), Is.EqualTo(new[]
        {
            (ParameterKind.MultiLineText, (string?)"line one\nline two"), (ParameterKind.Password, "s3cret-default"),
        }));
        Assert.That(second, Is.EqualTo(first), "an unchanged password default keeps its bytes");
        Assert.That(Format.Parse(Encoding.UTF8.GetBytes(changed), out _)!.Parameters[1].DefaultValue, Is.EqualTo("other"));
        Assert.That(changed, Does.Not.Contain(">other<"));
    }

    [Test]
    public void Parse_PasswordDefaultNotEncryptedByThisHome_IsTakenAsPlainText_AsJenkinsSecretFromString()
    {
        var xml = "<project><properties><hudson.model.ParametersDefinitionProperty><parameterDefinitions><hudson.model.PasswordParameterDefinition>"
            + "<name>P</name><defaultValue>typed-by-hand</defaultValue></hudson.model.PasswordParameterDefinition></parameterDefinitions>"
            + "</hudson.model.ParametersDefinitionProperty></properties></project>";

        var config = Format.Parse(Encoding.UTF8.GetBytes(xml), out _)!;

        Assert.That(config.Parameters.Single().DefaultValue, Is.EqualTo("typed-by-hand"));
    }

    [Test]
    public void WithSettings_ArchiveTheArtifacts_AddedFirstAmongPublishers_EditedInPlace_ThenRemoved()
    {
        // Arrange: a job with a notifier and no archiver
        var bytes = Encoding.UTF8.GetBytes("""
            <?xml version='1.1' encoding='UTF-8'?>
            <project>
              <builders/>
              <publishers>
                <hudson.tasks.Mailer plugin="mailer@1.0">
                  <recipients>a@example.org</recipients>
                </hudson.tasks.Mailer>
              </publishers>
              <buildWrappers/>
            </project>
            """.ReplaceLineEndings("\n"));
        var none = FreestyleSettings.Of(Format.Parse(bytes, out _)!);

        // Act
        var added = Format.WithSettings(bytes, none with { Archiver = new ArtifactArchiver(" out/*.zip ", null, false, false) });
        var withOnlyIfSuccessful = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(added)
            .Replace("<onlyIfSuccessful>false</onlyIfSuccessful>", "<onlyIfSuccessful>true</onlyIfSuccessful>", StringComparison.Ordinal));
        var edited = Encoding.UTF8.GetString(Format.WithSettings(withOnlyIfSuccessful,
            none with { Archiver = new ArtifactArchiver("dist/**", null, true, false) }));
        var removed = Format.WithSettings(Encoding.UTF8.GetBytes(edited), none);

        // Assert
        Assert.That(Encoding.UTF8.GetString(added), Does.Contain("""
              <publishers>
                <hudson.tasks.ArtifactArchiver>
                  <artifacts>out/*.zip</artifacts>
                  <allowEmptyArchive>false</allowEmptyArchive>
                  <onlyIfSuccessful>false</onlyIfSuccessful>
                  <fingerprint>false</fingerprint>
                  <defaultExcludes>true</defaultExcludes>
                  <caseSensitive>true</caseSensitive>
                  <followSymlinks>false</followSymlinks>
                </hudson.tasks.ArtifactArchiver>
                <hudson.tasks.Mailer plugin="mailer@1.0">
            """.ReplaceLineEndings("\n")));
        Assert.That(edited, Does.Contain("<artifacts>dist/**</artifacts>\n      <allowEmptyArchive>true</allowEmptyArchive>\n      <onlyIfSuccessful>true</onlyIfSuccessful>"),
            "edited in place: the field the form does not show stays");
        Assert.That(Format.Parse(Encoding.UTF8.GetBytes(edited), out _)!.Archiver, Is.EqualTo(new ArtifactArchiver("dist/**", null, true, true)));
        Assert.That(removed, Is.EqualTo(Format.WithSettings(bytes, none)), "removing the action leaves the file as if it never had one");
    }
}
