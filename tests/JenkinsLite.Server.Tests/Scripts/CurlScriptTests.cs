using System.Diagnostics;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Scripts;

/// <summary>The token flow from Jenkins' documentation, typed as a user would, with the real curl.</summary>
internal sealed class CurlScriptTests : ServerFixture
{
    private const string Script = """
        set -eu
        cd "$WORK"
        # 1. a crumb, with the password, keeping the session cookie
        curl -s -f -c jar -b jar -u "admin:$PASSWORD" "$JENKINS_URL/crumbIssuer/api/json" > crumb.json
        CRUMB=$(sed -n 's/.*"crumb":"\([0-9a-f]*\)".*/\1/p' crumb.json)
        # 2. a token, with that crumb and cookie
        curl -s -f -c jar -b jar -u "admin:$PASSWORD" -H "Jenkins-Crumb: $CRUMB" -X POST \
          "$JENKINS_URL/user/admin/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken" \
          --data 'newTokenName=from-curl' > token.json
        TOKEN=$(sed -n 's/.*"tokenValue":"\([0-9a-f]*\)".*/\1/p' token.json)
        echo "token=$TOKEN"
        # 3. the token works, and a POST with it needs no crumb
        curl -s -f -u "admin:$TOKEN" "$JENKINS_URL/whoAmI/api/json" > whoami.json
        echo "token-post=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$TOKEN" -X POST \
          "$JENKINS_URL/user/admin/descriptorByName/jenkins.security.ApiTokenProperty/revoke" --data tokenUuid=00000000-0000-0000-0000-000000000000)"
        # 4. the same POST with the password and no crumb is refused
        echo "password-post=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$PASSWORD" -X POST \
          "$JENKINS_URL/user/admin/descriptorByName/jenkins.security.ApiTokenProperty/revoke" --data tokenUuid=00000000-0000-0000-0000-000000000000)"
        cat whoami.json
        """;

    [Test]
    public async Task DocumentedTokenScript_WorksAsUsersTypeIt()
    {
        // Arrange
        var work = Directory.CreateTempSubdirectory("jenkinslite-curl-").FullName;
        var start = new ProcessStartInfo("bash", ["-c", Script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["WORK"] = work;
        start.Environment["PASSWORD"] = AdminPassword;
        start.Environment["JENKINS_URL"] = Server.BaseUri.ToString().TrimEnd('/');

        // Act
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Directory.Delete(work, recursive: true);
        var token = output.Split('\n').Single(l => l.StartsWith("token=", StringComparison.Ordinal))["token=".Length..];
        Server.RememberSecret(token);

        // Assert
        Assert.That(process.ExitCode, Is.Zero, errors + output);
        Assert.Multiple(() =>
        {
            Assert.That(token, Does.Match("^11[0-9a-f]{32}$"));
            Assert.That(output, Does.Contain("token-post=200"));
            Assert.That(output, Does.Contain("password-post=403"));
            Assert.That(output, Does.Contain("\"name\":\"admin\""));
        });
    }
}
