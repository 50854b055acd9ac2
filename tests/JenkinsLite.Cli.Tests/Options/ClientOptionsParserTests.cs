using System.Text;
using JenkinsLite.Cli.Options;

namespace JenkinsLite.Cli.Tests.Options;

internal sealed class ClientOptionsParserTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Test]
    public void Parse_NoModeFlag_DefaultsToWebSocketAndAddsTrailingSlash()
    {
        // Act
        var options = Run(["-s", "http://host:8080/jenkins", "who-am-i"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Mode, Is.EqualTo(TransportMode.WebSocket));
            Assert.That(options.Url.ToString(), Is.EqualTo("http://host:8080/jenkins/"));
            Assert.That(options.Command, Is.EqualTo(new[] { "who-am-i" }));
            Assert.That(options.Authorization, Is.Null);
        });
    }

    [Test]
    public void Parse_GlobalOptionAfterCommand_IsSentToTheServer()
    {
        // Act: the second -s belongs to build
        var options = Run(["-s", "http://h/", "-http", "build", "job1", "-s", "-v"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Mode, Is.EqualTo(TransportMode.Http));
            Assert.That(options.Command, Is.EqualTo(new[] { "build", "job1", "-s", "-v" }));
        });
    }

    [Test]
    public void Parse_NoCommand_SendsHelp()
    {
        Assert.That(Run(["-s", "http://h/"]).Command, Is.EqualTo(new[] { "help" }));
    }

    [Test]
    public void Parse_TwoModes_IsAUsageError()
    {
        var result = ClientOptionsParser.Parse(["-s", "http://h/", "-http", "-webSocket", "who-am-i"], Env(NoEnvironment), _ => "");
        Assert.Multiple(() =>
        {
            Assert.That(result.Options, Is.Null);
            Assert.That(result.ExitCode, Is.EqualTo(255));
            Assert.That(result.ShowUsage, Is.True);
        });
    }

    [Test]
    public void Parse_NoUrlAnywhere_IsAUsageError()
    {
        var result = ClientOptionsParser.Parse(["who-am-i"], Env(NoEnvironment), _ => "");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(255));
            Assert.That(result.Message, Does.Contain("Neither -s nor the JENKINS_URL env variable is specified."));
        });
    }

    [Test]
    public void Parse_RemotingOrVersion_StopWithTheJarsCodes()
    {
        var remoting = ClientOptionsParser.Parse(["-remoting", "who-am-i"], Env(NoEnvironment), _ => "");
        var version = ClientOptionsParser.Parse(["-version"], Env(NoEnvironment), _ => "");
        Assert.Multiple(() =>
        {
            Assert.That(remoting.ExitCode, Is.EqualTo(255));
            Assert.That(version.ExitCode, Is.Zero);
            Assert.That(version.Message, Does.StartWith("Version: "));
        });
    }

    [Test]
    public void Parse_EnvironmentOnly_UsesJenkinsUrlAndBothCredentials()
    {
        // Arrange
        var env = new Dictionary<string, string> { ["JENKINS_URL"] = "http://h:1/", ["JENKINS_USER_ID"] = "alice", ["JENKINS_API_TOKEN"] = "t0k" };

        // Act
        var options = ClientOptionsParser.Parse(["who-am-i"], Env(env), _ => "").Options!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Url.ToString(), Is.EqualTo("http://h:1/"));
            Assert.That(options.Authorization, Is.EqualTo(Basic("alice:t0k")));
            Assert.That(options.Warnings, Is.Empty);
        });
    }

    [Test]
    public void Parse_OnlyOneCredentialVariable_IsAUsageError()
    {
        var env = new Dictionary<string, string> { ["JENKINS_URL"] = "http://h/", ["JENKINS_USER_ID"] = "alice" };
        var result = ClientOptionsParser.Parse(["who-am-i"], Env(env), _ => "");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(255));
            Assert.That(result.Message, Does.Contain("JENKINS_USER_ID and JENKINS_API_TOKEN"));
        });
    }

    [Test]
    public void Parse_AuthFlag_WinsOverEnvironmentAndWarnsAboutTheVisibleSecret()
    {
        // Arrange
        var env = new Dictionary<string, string> { ["JENKINS_USER_ID"] = "env", ["JENKINS_API_TOKEN"] = "envtoken" };

        // Act
        var options = ClientOptionsParser.Parse(["-s", "http://h/", "-auth", "alice:secret", "who-am-i"], Env(env), _ => "").Options!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Authorization, Is.EqualTo(Basic("alice:secret")));
            Assert.That(options.Warnings.Single(), Does.Contain("visible to other processes"));
        });
    }

    [Test]
    public void Parse_AuthFromFile_IsTrimmedAndDoesNotWarn()
    {
        // Act
        var options = ClientOptionsParser.Parse(["-s", "http://h/", "-auth", "@/creds", "who-am-i"], Env(NoEnvironment),
            path => path == "/creds" ? "  alice:fromfile\n" : throw new FileNotFoundException(path)).Options!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Authorization, Is.EqualTo(Basic("alice:fromfile")));
            Assert.That(options.Warnings, Is.Empty);
        });
    }

    [Test]
    public void Parse_UserInfoInUrl_WinsOverAuthAndIsRemovedFromTheUrl()
    {
        // Act
        var options = Run(["-s", "http://bob:urltoken@h:8080/", "-auth", "alice:secret", "who-am-i"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Authorization, Is.EqualTo(Basic("bob:urltoken")));
            Assert.That(options.Url.ToString(), Is.EqualTo("http://h:8080/"));
        });
    }

    [Test]
    public void Parse_AuthAndBearer_AuthWinsWithAWarning()
    {
        var options = Run(["-s", "http://h/", "-bearer", "b", "-auth", "@f", "who-am-i"], _ => "alice:x");
        Assert.Multiple(() =>
        {
            Assert.That(options.Authorization, Is.EqualTo(Basic("alice:x")));
            Assert.That(options.Warnings.Single(), Does.Contain("mutually exclusive"));
        });
    }

    [Test]
    public void Parse_Bearer_SendsBearerHeader()
    {
        Assert.That(Run(["-s", "http://h/", "-bearer", "abc", "who-am-i"]).Authorization, Is.EqualTo("Bearer abc"));
    }

    [Test]
    public void Parse_LoggerAndNoCertificateCheck_AreRead()
    {
        var options = Run(["-s", "https://h/", "-logger", "FINE", "-noCertificateCheck", "version"]);
        Assert.Multiple(() =>
        {
            Assert.That(options.LogLevel, Is.EqualTo(LogLevel.Fine));
            Assert.That(options.NoCertificateCheck, Is.True);
        });
    }

    [Test]
    public void Parse_DashSWithoutValue_BecomesTheCommand()
    {
        // The jar only takes -s as an option when a value follows.
        var env = new Dictionary<string, string> { ["JENKINS_URL"] = "http://h/" };
        Assert.That(ClientOptionsParser.Parse(["-s"], Env(env), _ => "").Options!.Command, Is.EqualTo(new[] { "-s" }));
    }

    [TestCase(null, "en")]
    [TestCase("C", "en")]
    [TestCase("POSIX", "en")]
    [TestCase("en_US.UTF-8", "en_US")]
    [TestCase("fr_CA", "fr_CA")]
    [TestCase("de_DE@euro", "de_DE")]
    public void FromPosix_LangValue_GivesJavaLocale(string? lang, string expected)
    {
        Assert.That(JavaLocale.FromPosix(lang), Is.EqualTo(expected));
    }

    private static ClientOptions Run(string[] args, Func<string, string>? readFile = null) =>
        ClientOptionsParser.Parse(args, Env(NoEnvironment), readFile ?? (_ => "")).Options!;

    private static Func<string, string?> Env(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);

    private static string Basic(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));
}
