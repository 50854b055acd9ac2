using JenkinsLite.Core;
using JenkinsLite.Core.Builds;
using JenkinsLite.Persistence.Config;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.Config;

/// <summary>Our &lt;jenkinslite.buildSandbox&gt; element of the root config.xml (decisions.md #16).</summary>
internal sealed class BuildSandboxSettingTests
{
    private static BuildSandboxMode Load(TempHome home) => new JenkinsConfigRepository(home.Home).LoadSecurity().BuildSandbox;

    private static TempHome HomeWith(string element)
    {
        var home = TempHome.Empty();
        home.Write("config.xml", $"""
            <?xml version='1.1' encoding='UTF-8'?>
            <hudson>
              <useSecurity>true</useSecurity>
              {element}
            </hudson>
            """);
        return home;
    }

    [Test]
    public void Absent_Automatic()
    {
        using var home = HomeWith(string.Empty);

        Assert.That(Load(home), Is.EqualTo(BuildSandboxMode.Automatic));
    }

    [TestCase("sandbox", BuildSandboxMode.Required)]
    [TestCase(" sandbox\n", BuildSandboxMode.Required)]
    [TestCase("none", BuildSandboxMode.None)]
    public void Value_Read(string value, BuildSandboxMode expected)
    {
        using var home = HomeWith($"<jenkinslite.buildSandbox>{value}</jenkinslite.buildSandbox>");

        Assert.That(Load(home), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("off")]
    [TestCase("Sandbox")]
    public void InvalidValue_HomeDataExceptionWithLine(string value)
    {
        using var home = HomeWith($"<jenkinslite.buildSandbox>{value}</jenkinslite.buildSandbox>");

        var failure = Assert.Throws<HomeDataException>(() => Load(home))!;

        Assert.That(failure.RelativePath, Is.EqualTo("config.xml"));
        Assert.That(failure.Error, Does.Contain("jenkinslite.buildSandbox").And.Contain("'sandbox' or 'none'"));
        Assert.That(failure.Line, Is.EqualTo(4));
    }
}
