namespace JenkinsLite.Server.Tests.Cli;

/// <summary>Our client against a live server over both transports: the acceptance cases of cli.md section 11.</summary>
[TestFixture(CliFixture.Http)]
[TestFixture(CliFixture.WebSocket)]
internal sealed class CliTransportTests(string mode) : CliFixture
{
    [Test]
    public async Task WhoAmI_WithApiToken_PrintsUserAndAuthorities()
    {
        // Arrange
        var (token, _) = await GenerateTokenAsync("admin", AdminPassword);

        // Act
        var run = await CliAsync(mode, "admin", token, "who-am-i");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.Zero, run.ToString());
            Assert.That(run.Out, Is.EqualTo("Authenticated as: admin\nAuthorities:\n  authenticated\n"));
        });
    }

    [Test]
    public async Task WhoAmI_WithPasswordAndNoCrumb_IsAccepted()
    {
        // Act: Jenkins exempts /cli from crumbs, so a password caller needs none
        var run = await CliAsync(mode, "admin", AdminPassword, "who-am-i");

        // Assert
        Assert.That(run.Code, Is.Zero, run.ToString());
    }

    [Test]
    public async Task WhoAmI_WrongToken_FailsTheWayTheJarDoes()
    {
        // Act
        var run = await CliAsync(mode, "admin", "11" + new string('0', 32), "who-am-i");

        // Assert
        Assert.Multiple(() =>
        {
            if (mode == Http)
            {
                Assert.That(run.Code, Is.EqualTo(255), run.ToString());
                Assert.That(run.Err, Does.Contain($"Server returned HTTP response code: 401 for URL: {Url}cli?remoting=false"));
            }
            else
            {
                Assert.That(run.Code, Is.EqualTo(15), run.ToString());
                Assert.That(run.Err, Does.StartWith("CLI handshake failed with status code 401\n"));
                Assert.That(run.Err, Does.Contain("WWW-Authenticate: Basic realm=\"Jenkins\""));
            }
        });
    }

    [Test]
    public async Task Version_AnonymousWithoutRead_ExitsSixWithJenkinsMessage()
    {
        // Act: the seeded home denies anonymous read access
        var run = await CliAsync(mode, null, null, "version");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(6), run.ToString());
            Assert.That(run.Err, Is.EqualTo("\nERROR: anonymous is missing the Overall/Read permission\n"));
        });
    }

    [Test]
    public async Task WhoAmI_Anonymous_NeedsNoReadPermission()
    {
        var run = await CliAsync(mode, null, null, "who-am-i");
        Assert.That(run.Out, Is.EqualTo("Authenticated as: anonymous\nAuthorities:\n  anonymous\n"), run.ToString());
    }

    [Test]
    public async Task UnknownCommand_WithEmojiName_ExitsTwoAndEchoesTheNameIntact()
    {
        // Act: the name travels as modified UTF-8 (surrogates as 3-byte sequences) and comes back as UTF-8
        var run = await CliAsync(mode, "admin", AdminPassword, "P=é😀");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(2), run.ToString());
            Assert.That(run.Err, Is.EqualTo("No such command P=é😀\n"));
        });
    }

    [Test]
    public async Task Version_Admin_PrintsTheReportedVersion()
    {
        var run = await CliAsync(mode, "admin", AdminPassword, "version");
        Assert.That(run.Out, Is.EqualTo(JenkinsLite.Server.Hosting.ServerOptions.JenkinsVersion + "\n"), run.ToString());
    }

    [Test]
    public async Task Groovy_IsRefusedWithAClearMessage()
    {
        var run = await CliAsync(mode, "admin", AdminPassword, "groovy", "=");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(5), run.ToString());
            Assert.That(run.Err, Does.Contain("ERROR: JenkinsLite has no Groovy script console"));
        });
    }

    [Test]
    public async Task Restart_IsRefusedWithExitOne()
    {
        var run = await CliAsync(mode, "admin", AdminPassword, "restart");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(1), run.ToString());
            Assert.That(run.Err, Does.StartWith("\nERROR: Restart is not supported by JenkinsLite"));
        });
    }

    [Test]
    public async Task ReloadJobAndListPlugins_Admin_Succeed()
    {
        var reload = await CliAsync(mode, "admin", AdminPassword, "reload-job", "hello-world");
        var plugins = await CliAsync(mode, "admin", AdminPassword, "list-plugins");
        Assert.Multiple(() =>
        {
            Assert.That(reload.Code, Is.Zero, reload.ToString());
            Assert.That(plugins.Code, Is.Zero, plugins.ToString());
            Assert.That(plugins.Out, Is.Empty);
        });
    }

    [Test]
    public async Task Help_BadOption_ExitsTwoWithUsage()
    {
        var run = await CliAsync(mode, "admin", AdminPassword, "version", "-nope");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(2), run.ToString());
            Assert.That(run.Err, Does.StartWith("\nERROR: \"-nope\" is not a valid option\njava -jar jenkins-cli.jar version"));
        });
    }

    [Test]
    public async Task AtFileArgument_IsNeverExpanded()
    {
        // Arrange: a file the server could read
        var secretFile = Path.Combine(Server.Home, "secrets", "initialAdminPassword");

        // Act
        var run = await CliAsync(mode, "admin", AdminPassword, "@" + secretFile);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(run.Err, Is.EqualTo($"No such command @{secretFile}\n"));
            Assert.That(run.Out + run.Err, Does.Not.Contain(AdminPassword));
        });
    }
}
