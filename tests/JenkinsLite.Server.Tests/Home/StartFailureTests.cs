using System.Diagnostics;

namespace JenkinsLite.Server.Tests.Home;

/// <summary>A home the server cannot use stops the start with one clear line, as the real command does.</summary>
internal sealed class StartFailureTests
{
    [Test]
    public async Task Main_UnsupportedSecurityRealm_PrintsOneLineAndExitsNonZero()
    {
        // Arrange
        var home = Directory.CreateTempSubdirectory("jenkinslite-test-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(home, "config.xml"), """
                <?xml version='1.1' encoding='UTF-8'?>
                <hudson>
                  <useSecurity>true</useSecurity>
                  <securityRealm class="hudson.security.PAMSecurityRealm" plugin="pam-auth@1.10">
                    <serviceName>sshd</serviceName>
                  </securityRealm>
                </hudson>
                """);
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "JenkinsLite.Server.dll"), "--httpPort=0" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                Environment = { ["JENKINS_HOME"] = home },
            };

            // Act
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            await stdout;

            // Assert
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.EqualTo(1));
                Assert.That(lines, Has.Length.EqualTo(1), stderr);
                Assert.That(stderr, Does.Contain("config.xml (line 4").And.Contain("'hudson.security.PAMSecurityRealm' is not supported"));
                Assert.That(stderr, Does.Not.Contain(" at "), "no stack trace");
            });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
