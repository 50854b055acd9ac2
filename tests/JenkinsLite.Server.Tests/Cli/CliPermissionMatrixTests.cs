using System.Globalization;
using System.Net;
using System.Text;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>
/// SEC-47 for every CLI command the server registers, from one table: run by a user who lacks the permission
/// the command needs, it exits 6 with Jenkins' message, changes nothing in the home, and its REST twin answers
/// 403; run by a user who has that permission (and nothing more that matters), it passes the check.
/// A command registered without a row fails the test, so a new command cannot skip its check unnoticed.
/// </summary>
internal sealed class CliPermissionMatrixTests : CliFixture
{
    // Alice reads everything but may do nothing else; dora may only discover jobs (for the commands that need Job/Read or
    // View/Read); bob has Overall/Read alone, so the jobs do not exist for him.
    private const string Alice = "alice";
    private const string Dora = "dora";
    private const string Bob = "bob";
    private const string Password = "matrix-password-9";

    private static readonly byte[] JobXml = Encoding.UTF8.GetBytes(
        "<?xml version='1.1' encoding='UTF-8'?>\n<project>\n  <disabled>false</disabled>\n  <builders>\n    <hudson.tasks.Shell>\n      <command>true</command>\n    </hudson.tasks.Shell>\n  </builders>\n</project>\n");

    private static readonly byte[] ViewXml = Encoding.UTF8.GetBytes(
        "<?xml version='1.1' encoding='UTF-8'?>\n<hudson.model.ListView>\n  <name>v</name>\n  <jobNames/>\n</hudson.model.ListView>\n");

    /// <summary>
    /// Every command, in the order the runs happen (a destructive row acts on a target of its own, after the rows that read it).
    /// Needs null: any reader may run it (Allowed is then what the reader gets).
    /// </summary>
    private static readonly Row[] Table =
    [
        new(["who-am-i"], null),
        new(["version"], null),
        new(["help"], null),
        new(["session-id"], null),
        new(["list-jobs"], null),
        new(["generate-api-token", "mine"], null),
        new(["generate-api-token", "theirs", "--user", "admin"], null, Refused: "{0} may not create API tokens for another user"),
        new(["rotate-api-token", "none"], null, Allowed: CliExit.IllegalArgument),
        new(["get-node", "x"], null, Allowed: CliExit.IllegalArgument),
        new(["update-node", "x"], null, Allowed: CliExit.IllegalArgument),
        new(["delete-node", "x"], null, Allowed: CliExit.IllegalArgument),
        new(["wait-node-online", "x"], null, Allowed: CliExit.IllegalArgument),
        new(["wait-node-offline", "x"], null, Allowed: CliExit.IllegalArgument),
        new(["groovy", "="], Permission.Administer, Allowed: CliExit.Aborted),
        new(["groovysh"], Permission.Administer, Allowed: CliExit.Aborted),
        new(["create-node", "agent"], Permission.ComputerCreate, Allowed: CliExit.Aborted),
        new(["list-plugins"], Permission.Administer, Twin: "GET pluginManager/api/json"),
        new(["list-api-tokens", "admin"], Permission.Administer),
        new(["rename-api-token", "none", "new", "--user", "admin"], Permission.Administer, Allowed: CliExit.IllegalArgument),
        new(["revoke-api-token", "none", "--user", "admin"], Permission.Administer, Allowed: CliExit.IllegalArgument,
            Twin: "POST user/admin/descriptorByName/jenkins.security.ApiTokenProperty/revoke?tokenUuid=none"),
        new(["legacy-api-token-report"], Permission.Administer),
        new(["create-service-account", "matrix-bot"], Permission.Administer, Twin: "POST securityRealm/createServiceAccount?username=matrix-bot-twin"),
        new(["list-api-tokens", "--all"], Permission.Administer, Twin: "GET manage/apiTokens/api/json"),
        new(["api-token-policy"], Permission.Administer, Twin: "GET manage/apiTokenPolicy/api/json"),
        new(["api-token-audit"], Permission.Administer, Twin: "GET manage/apiTokens/audit/api/json"),
        new(["revoke-legacy-api-tokens"], Permission.Administer),
        new(["reload-configuration"], Permission.Administer, Twin: "POST reload"),
        new(["restart"], Permission.Manage, Allowed: CliExit.Unexpected),
        new(["safe-restart"], Permission.Manage, Allowed: CliExit.Unexpected),
        new(["quiet-down"], Permission.Manage, Twin: "POST quietDown"),
        new(["cancel-quiet-down"], Permission.Manage, Twin: "POST cancelQuietDown"),
        new(["offline-node", ""], Permission.ComputerDisconnect, Twin: "POST computer/(built-in)/toggleOffline"),
        new(["online-node", ""], Permission.ComputerConnect),
        new(["disconnect-node", "(built-in)"], Permission.ComputerDisconnect, Twin: "POST computer/(built-in)/doDisconnect"),
        new(["connect-node", "(built-in)"], Permission.ComputerConnect),
        new(["get-job", "j"], Permission.ItemExtendedRead, Twin: "GET job/j/config.xml"),
        new(["console", "j", "1"], Permission.ItemRead, Twin: "GET job/j/1/consoleText"),
        new(["list-changes", "j", "1"], Permission.ItemRead),
        new(["create-job", "created"], Permission.ItemCreate, JobXml, Twin: "POST createItem?name=created"),
        new(["copy-job", "j", "copied"], Permission.ItemCreate, Twin: "POST createItem?name=copied&mode=copy&from=j"),
        new(["update-job", "j"], Permission.ItemConfigure, JobXml, Twin: "POST job/j/config.xml"),
        new(["reload-job", "j"], Permission.ItemConfigure),
        new(["disable-job", "j"], Permission.ItemConfigure, Twin: "POST job/j/disable"),
        new(["enable-job", "j"], Permission.ItemConfigure, Twin: "POST job/j/enable"),
        new(["build", "-s", "j"], Permission.ItemBuild, Twin: "POST job/j/build"),
        new(["clear-queue"], Permission.Administer),
        new(["stop-builds", "j"], Permission.ItemCancel),
        new(["set-build-description", "j", "1", "text"], Permission.RunUpdate, Twin: "POST job/j/1/submitDescription?description=text"),
        new(["set-build-display-name", "j", "1", "text"], Permission.RunUpdate),
        new(["keep-build", "j", "1"], Permission.RunUpdate, Twin: "POST job/j/1/toggleLogKeep"),
        new(["delete-builds", "j", "1"], Permission.RunDelete, Twin: "POST job/j/1/doDelete"),
        new(["delete-job", "doomed"], Permission.ItemDelete, Twin: "POST job/doomed/doDelete"),
        new(["get-view", "v"], Permission.ViewRead, Twin: "GET view/v/config.xml"),
        new(["create-view", "w"], Permission.ViewCreate, ViewXml, Twin: "POST createView?name=w&mode=hudson.model.ListView"),
        new(["update-view", "v"], Permission.ViewConfigure, ViewXml, Twin: "POST view/v/config.xml"),
        new(["add-job-to-view", "v", "j"], Permission.ViewConfigure, Twin: "POST view/v/addJobToView?name=j"),
        new(["remove-job-from-view", "v", "j"], Permission.ViewConfigure, Twin: "POST view/v/removeJobFromView?name=j"),
        new(["delete-view", "doomedview"], Permission.ViewDelete, Twin: "POST view/doomedview/doDelete"),

        // Last: the server stops (shutdown) or stays quieted for good (safe-shutdown), so their allowed runs are left
        // to CliSafeShutdownTests.
        new(["safe-shutdown"], Permission.Administer, Allowed: null, Twin: "POST safeExit"),
        new(["shutdown"], Permission.Administer, Allowed: null, Twin: "POST exit"),
    ];

    private readonly Dictionary<string, string> _tokens = [];

    [Test]
    public async Task EveryCommand_RefusedWithoutItsPermission_AllowedWithIt()
    {
        // Arrange: the table covers the registry exactly.
        var registered = Server.Probe.Services.GetRequiredService<CliCommands>().All.Select(c => c.Name).ToList();
        var tabled = Table.Select(r => r.Args[0]).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(registered.Except(tabled), Is.Empty, "registered CLI commands without a row in the permission table");
            Assert.That(tabled.Except(registered), Is.Empty, "rows for commands the server does not register");
        });
        await ArrangeHomeAsync();

        var twins = 0;
        var failures = new List<string>();
        foreach (var row in Table)
        {
            // Act + assert, refused: exit 6 with Jenkins' words, nothing written, the REST twin 403.
            var refusedUser = RefusedUser(row);
            var before = HomeSnapshot.Take(Server.Home);
            var refused = await CliWithStdinAsync(Http, refusedUser, Password, row.Stdin, row.Args);
            if (row.Needs is null && row.Refused is null)
            {
                Expect(refused.Code == row.Allowed, $"{row} as a reader: {refused}");
                continue;
            }

            ExpectDenied(row, refused, refusedUser);
            Expect(before.ChangedFiles().Count == 0, $"{row} refused to {refusedUser}, yet the home changed");
            if (row.Twin is not null)
            {
                var status = await TwinStatusAsync(row.Twin, refusedUser);
                Expect(status == HttpStatusCode.Forbidden, $"REST twin of {row} ({row.Twin}) as {refusedUser}: {(int)status}, expected 403");
                twins++;
            }

            // As Jenkins: a job Bob may not discover does not exist for him (no such job; its URLs 404), anything else is refused.
            var hidden = row.Args.Skip(1).Any(a => a is "j" or "doomed");
            var reader = await CliWithStdinAsync(Http, Bob, Password, row.Stdin, row.Args);
            if (hidden)
            {
                Expect(reader.Code is CliExit.BadArguments or CliExit.IllegalArgument && reader.Err.Contains("No such job", StringComparison.Ordinal),
                    $"{row} as {Bob}, expected no such job: {reader}");
            }
            else
            {
                ExpectDenied(row, reader, Bob);
            }

            Expect(before.ChangedFiles().Count == 0, $"{row} refused to {Bob}, yet the home changed");
            if (row.Twin is not null)
            {
                var status = await TwinStatusAsync(row.Twin, Bob);
                var expected = hidden && row.Twin.Contains(" job/", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                Expect(status == expected, $"REST twin of {row} ({row.Twin}) as {Bob}: {(int)status}, expected {(int)expected}");
                twins++;
            }

            // Act + assert, allowed: the user who has the permission passes the check.
            if (row is { Allowed: { } allowedCode, Needs: { } needs })
            {
                var allowed = await CliWithStdinAsync(Http, AllowedUser(needs), Password, row.Stdin, row.Args);
                Expect(allowed.Code == allowedCode, $"{row} as {AllowedUser(needs)}, expected {allowedCode}: {allowed}");
            }
        }

        void ExpectDenied(Row row, CliRun run, string user)
        {
            var message = row.Refused is { } format ? string.Format(CultureInfo.InvariantCulture, format, user)
                : $"{user} is missing the {row.Needs!.Group}/{row.Needs.Name} permission";
            Expect(run.Code == CliExit.AccessDenied && run.Err == $"\nERROR: {message}\n", $"{row} as {user}, expected 6 \"{message}\": {run}");
        }

        void Expect(bool condition, string failure)
        {
            if (!condition)
            {
                failures.Add(failure);
            }
        }

        Assert.That(failures, Is.Empty);
        TestContext.Out.WriteLine($"CLI permission matrix: {registered.Count} commands in {Table.Length} rows, "
            + $"{Table.Count(r => r.Twin is not null)} REST twins, {twins} twin requests refused");
    }

    protected override Task<TestServer> StartAsync() => TestServer.StartWithConfigAsync(TestServer.MatrixConfig(Grants().ToArray()));

    private static string RefusedUser(Row row) =>
        row.Needs == Permission.ItemRead || row.Needs == Permission.ViewRead ? Dora : Alice;

    /// <summary>A user per needed permission: a reader of everything plus that permission.</summary>
    private static string AllowedUser(Permission needs) => "can-" + needs.Group.ToLowerInvariant() + "-" + needs.Name.ToLowerInvariant();

    private static IEnumerable<string> Grants()
    {
        foreach (var user in Table.Where(r => r.Needs is not null).Select(r => AllowedUser(r.Needs!)).Append(Alice).Distinct())
        {
            yield return $"USER:{Permission.ItemRead.Id}:{user}";
            yield return $"USER:{Permission.ViewRead.Id}:{user}";
        }

        foreach (var needs in Table.Select(r => r.Needs).OfType<Permission>().Distinct())
        {
            // A switched-off permission (Job/ExtendedRead) is granted through the first enabled one that implies it.
            var grant = needs;
            while (!grant.Enabled)
            {
                grant = grant.ImpliedBy!;
            }

            yield return $"USER:{grant.Id}:{AllowedUser(needs)}";
        }

        yield return $"USER:{Permission.ItemDiscover.Id}:{Dora}";
    }

    private async Task ArrangeHomeAsync()
    {
        foreach (var user in Table.Where(r => r.Needs is not null).Select(r => AllowedUser(r.Needs!)).Append(Alice).Append(Dora).Append(Bob).Distinct())
        {
            await CreateUserAsync(user, Password);
        }

        foreach (var user in new[] { Alice, Dora, Bob })
        {
            (_tokens[user], _) = await GenerateTokenAsync(user, Password, "twin");
        }

        foreach (var job in new[] { "j", "doomed" })
        {
            await AdminAsync(JobXml, "create-job", job);
        }

        await AdminAsync(null, "build", "-s", "j");
        await AdminAsync(ViewXml, "create-view", "v");
        await AdminAsync(ViewXml, "create-view", "doomedview");
    }

    private async Task AdminAsync(byte[]? stdin, params string[] command)
    {
        var run = await CliWithStdinAsync(Http, "admin", AdminPassword, stdin, command);
        Assert.That(run.Code, Is.Zero, run.ToString());
    }

    private async Task<HttpStatusCode> TwinStatusAsync(string twin, string user)
    {
        var (method, path) = (twin[..twin.IndexOf(' ', StringComparison.Ordinal)], twin[(twin.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        using var client = Server.Client(user, _tokens[user]);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new ByteArrayContent(path.EndsWith("config.xml", StringComparison.Ordinal) ? JobXml : []);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// One command line; Allowed is the exit code of a permitted run (null: not run), Refused overrides Jenkins' message,
    /// Twin is the REST request doing the same ("METHOD path"), answered 403 when refused.
    /// </summary>
    private sealed record Row(string[] Args, Permission? Needs, byte[]? Stdin = null, int? Allowed = CliExit.Ok, string? Refused = null,
        string? Twin = null)
    {
        public override string ToString() => string.Join(' ', Args);
    }
}
