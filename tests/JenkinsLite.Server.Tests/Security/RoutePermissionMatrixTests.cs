using System.Net;
using System.Text;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Tests.Builds;
using JenkinsLite.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>
/// The permission matrix, generated from the server's own route table: every route and method, as anonymous, an
/// ordinary user (Overall/Read, Job/Read, Job/Build), that user as the owner of their own User object, and an admin,
/// under each authorisation strategy (project matrix: its global part; per-job grants are not in this table). A route
/// without an expected cell here fails; a refused request answers 403 (404 for a job the caller may not even discover); a
/// permitted one is not refused; GET and HEAD, and every refused request, leave the home unchanged.
/// </summary>
internal sealed class RoutePermissionMatrixTests
{
    private const string User = "user";
    private const string AdminsUserUrl = "user/admin/";

    // The expected cell of every route: the permissions it needs before its action runs (empty: public). A route marked
    // with ObjectChecks also decides on the object it names (a user controls only themself) or answers its own status, so
    // only its refusals are run.
    private static readonly Dictionary<string, (Permission[] Needs, bool ObjectChecks)> Expected = new(StringComparer.Ordinal)
    {
        ["DELETE /job/{job}/"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemDelete], false),
        ["GET /cli/ws"] = ([], true),
        ["GET,HEAD /"] = ([Permission.OverallRead], false),
        ["GET,HEAD,POST /administrativeMonitor/legacyApiToken/api/{flavor}"] = ([Permission.Administer], false),
        ["GET,HEAD /administrativeMonitor/legacyApiToken/manage"] = ([Permission.Administer], false),
        ["GET,HEAD,POST /api/{flavor}"] = ([Permission.OverallRead], false),
        ["GET,HEAD,POST /computer/api/{flavor}"] = ([Permission.OverallRead], false),
        ["GET,HEAD /computer/{name}"] = ([Permission.OverallRead], false),
        ["GET,HEAD,POST /computer/{name}/api/{flavor}"] = ([Permission.OverallRead], false),
        ["GET,HEAD,POST /crumbIssuer/api/{flavor}"] = ([Permission.OverallRead], false),
        ["GET,HEAD /job/{job}/"] = ([Permission.OverallRead, Permission.ItemRead], false),
        ["GET,HEAD /job/{job}/config.xml"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemExtendedRead], false),
        ["GET,HEAD /job/{job}/configure"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemExtendedRead], false),
        ["GET,HEAD /job/{job}/editConfigXml"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["GET,HEAD /job/{job}/newJob"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemCreate], true), // a folder's; other items: 404
        ["GET,HEAD /newJob"] = ([Permission.OverallRead, Permission.ItemCreate], false),
        ["GET,HEAD /newView"] = ([Permission.OverallRead, Permission.ViewCreate], false),
        ["GET,HEAD /view/{name}/newJob"] = ([Permission.OverallRead, Permission.ItemCreate], false),
        ["GET,HEAD /checkJobName"] = ([Permission.OverallRead, Permission.ItemCreate], false),
        ["GET,HEAD /job/{job}/ws"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemWorkspace], false),
        ["GET,HEAD /job/{job}/{build}/"] = ([Permission.OverallRead, Permission.ItemRead], false),
        ["GET,HEAD /job/{job}/{build}/artifact"] = ([Permission.OverallRead, Permission.ItemRead], false),
        ["GET,HEAD /job/{job}/{build}/console"] = ([Permission.OverallRead, Permission.ItemRead], false),
        ["GET,HEAD /job/{job}/{build}/consoleText"] = ([Permission.OverallRead, Permission.ItemRead], false),
        ["GET,HEAD /login"] = ([], false),
        ["GET,HEAD /loginError"] = ([], true), // Jenkins' failed-sign-in page answers 401 to everyone
        ["GET,HEAD /logout"] = ([], true),
        ["GET,HEAD /manage/"] = ([Permission.Administer], false),
        ["GET,HEAD /manage/directoryUsers/"] = ([Permission.Administer], false),
        ["GET,HEAD,POST /manage/apiTokenSettings/api/{flavor}"] = ([Permission.Administer], false),
        ["GET,HEAD,POST /manage/apiTokenPolicy/api/{flavor}"] = ([Permission.Administer], false),
        ["GET,HEAD /manage/apiTokenPolicy/"] = ([Permission.Administer], false),
        ["GET,HEAD /manage/apiTokens/"] = ([Permission.Administer], false),
        ["GET,HEAD /manage/apiTokens/audit/"] = ([Permission.Administer], false),
        ["GET,HEAD,POST /manage/apiTokens/api/{flavor}"] = ([Permission.Administer], false),
        ["GET,HEAD,POST /manage/apiTokens/audit/api/{flavor}"] = ([Permission.Administer], false),
        ["GET,HEAD /manage/configureSecurity/"] = ([Permission.Administer], false),
        ["GET,HEAD /manage/securityRealm/"] = ([Permission.Administer], false),
        ["GET,HEAD /manage/securityRealm/addUser"] = ([Permission.Administer], false),
        ["GET,HEAD /manage/unreadableData/"] = ([Permission.Administer], false),
        ["GET,HEAD,POST /manage/unreadableData/api/{flavor}"] = ([Permission.Administer], false),
        ["GET,HEAD,POST /me/api/{flavor}"] = ([], true),
        ["GET,HEAD /me/security/"] = ([], true),
        ["GET,HEAD,POST /pluginManager/api/{flavor}"] = ([Permission.SystemRead], false),
        ["GET,HEAD,POST /queue/api/{flavor}"] = ([Permission.OverallRead], false),
        ["GET,HEAD /queue/item/{id}"] = ([Permission.OverallRead], false),
        ["GET,HEAD,POST /queue/item/{id}/api/{flavor}"] = ([Permission.OverallRead], false),
        ["GET,HEAD /securityRealm/"] = ([Permission.Administer], false),
        ["GET,HEAD /securityRealm/addUser"] = ([Permission.Administer], false),
        ["GET,HEAD /static/{version}/{file}"] = ([], false),
        ["GET,HEAD,POST /user/{id}/api/{flavor}"] = ([Permission.OverallRead], true),
        ["GET,HEAD /user/{id}/"] = ([Permission.OverallRead], false),
        ["GET,HEAD /user/{id}/configure"] = ([], true),
        ["GET,HEAD /user/{id}/security/"] = ([Permission.OverallRead], true),
        ["GET,HEAD /view/{name}"] = ([Permission.OverallRead], true),
        ["GET,HEAD,POST /view/{name}/api/{flavor}"] = ([Permission.OverallRead], true),
        ["GET,HEAD /view/{name}/config.xml"] = ([Permission.OverallRead], true),
        ["GET,HEAD /view/{name}/configure"] = ([Permission.OverallRead], true), // a list view's; the "all" view: 404
        ["GET,HEAD,POST /whoAmI/api/{flavor}"] = ([], false),
        ["GET,HEAD,POST /job/{job}/api"] = ([Permission.OverallRead, Permission.ItemRead], false),
        ["GET,HEAD,POST /job/{job}/build"] = ([Permission.OverallRead, Permission.ItemRead], true),
        ["GET,HEAD,POST /job/{job}/buildWithParameters"] = ([Permission.OverallRead, Permission.ItemRead], true),
        ["GET,HEAD,POST /job/{job}/{build}/api"] = ([Permission.OverallRead, Permission.ItemRead], false),
        ["GET,HEAD,POST /job/{job}/{build}/logText/progressiveText"] = ([Permission.OverallRead, Permission.ItemRead], false),
        ["POST /administrativeMonitor/legacyApiToken/revokeAllSelected/{**ignored}"] = ([Permission.Administer], false),
        ["POST /administrativeMonitor/{monitor}/act/{**ignored}"] = ([Permission.Administer], false),
        ["POST /cancelQuietDown/{**ignored}"] = ([Permission.Manage], false),
        ["POST /cli"] = ([], true),
        ["POST /computer/{name}/changeOfflineCause/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /computer/{name}/doDisconnect/{**ignored}"] = ([Permission.ComputerDisconnect], false),
        ["POST /computer/{name}/toggleOffline/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /createItem/{**ignored}"] = ([Permission.OverallRead, Permission.ItemCreate], false),
        ["POST /createView/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /exit/{**ignored}"] = ([Permission.Administer], false),
        ["POST /j_spring_security_check/{**ignored}"] = ([], true),
        ["POST /job/{job}/config.xml"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["POST /job/{job}/configSubmit"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["POST /job/{job}/editConfigXml"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["POST /job/{job}/confirmRename"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["POST /job/{job}/createItem"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemCreate], false),
        ["POST /job/{job}/disable"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["POST /job/{job}/doDelete"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemDelete], false),
        ["POST /job/{job}/doRename"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["POST /job/{job}/enable"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["POST /job/{job}/submitDescription"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemConfigure], false),
        ["POST /job/{job}/{build}/configSubmit"] = ([Permission.OverallRead, Permission.ItemRead, Permission.RunUpdate], false),
        ["POST /job/{job}/{build}/doDelete"] = ([Permission.OverallRead, Permission.ItemRead, Permission.RunDelete], false),
        ["POST /job/{job}/{build}/stop"] = ([Permission.OverallRead, Permission.ItemRead, Permission.ItemCancel], false),
        ["POST /job/{job}/{build}/submitDescription"] = ([Permission.OverallRead, Permission.ItemRead, Permission.RunUpdate], false),
        ["POST /job/{job}/{build}/toggleLogKeep"] = ([Permission.OverallRead, Permission.ItemRead], true),
        ["POST /logout/{**ignored}"] = ([], true),
        ["POST /manage/apiTokenSettings/configure/{**ignored}"] = ([Permission.Administer], false),
        ["POST /manage/apiTokenPolicy/configure/{**ignored}"] = ([Permission.Administer], false),
        ["POST /manage/apiTokens/revokeSelected/{**ignored}"] = ([Permission.Administer], false),
        ["POST /me/descriptorByName/jenkins.security.ApiTokenProperty/addFixedToken/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /me/descriptorByName/jenkins.security.ApiTokenProperty/changeToken/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /me/descriptorByName/jenkins.security.ApiTokenProperty/rename/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /me/descriptorByName/jenkins.security.ApiTokenProperty/revoke/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /me/descriptorByName/jenkins.security.ApiTokenProperty/revokeAll/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /me/descriptorByName/jenkins.security.ApiTokenProperty/revokeAllExcept/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /me/descriptorByName/jenkins.security.ApiTokenProperty/rotate/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /queue/cancelItem/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /queue/item/{id}/cancelQueue/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /quietDown/{**ignored}"] = ([Permission.Manage], false),
        ["POST /reload/{**ignored}"] = ([Permission.Administer], false),
        ["POST /safeExit/{**ignored}"] = ([Permission.Administer], false),
        ["POST /securityRealm/createAccountByAdmin/{**ignored}"] = ([Permission.Administer], false),
        ["POST /securityRealm/createServiceAccount/{**ignored}"] = ([Permission.Administer], false),
        ["POST /user/{id}/changePassword/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/addFixedToken/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/changeToken/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/rename/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/revoke/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/revokeAll/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/revokeAllExcept/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/descriptorByName/jenkins.security.ApiTokenProperty/rotate/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /user/{id}/doDelete/{**ignored}"] = ([Permission.Administer], true),
        ["POST /view/{name}/addJobToView/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /view/{name}/config.xml"] = ([Permission.OverallRead], true),
        ["POST /view/{name}/configSubmit/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /view/{name}/doDelete/{**ignored}"] = ([Permission.OverallRead], true),
        ["POST /view/{name}/removeJobFromView/{**ignored}"] = ([Permission.OverallRead], true),
    };

    public static IEnumerable<TestCaseData> Strategies()
    {
        yield return new TestCaseData("unsecured", Config("""<authorizationStrategy class="hudson.security.AuthorizationStrategy$Unsecured"/>""", security: false))
            .SetArgDisplayNames("Unsecured");
        yield return new TestCaseData("full-control", Config("""
            <authorizationStrategy class="hudson.security.FullControlOnceLoggedInAuthorizationStrategy"><denyAnonymousReadAccess>false</denyAnonymousReadAccess></authorizationStrategy>
            """)).SetArgDisplayNames("LoggedInUsersCanDoAnything_AnonymousRead");
        yield return new TestCaseData("full-control-no-read", Config("""
            <authorizationStrategy class="hudson.security.FullControlOnceLoggedInAuthorizationStrategy"><denyAnonymousReadAccess>true</denyAnonymousReadAccess></authorizationStrategy>
            """)).SetArgDisplayNames("LoggedInUsersCanDoAnything_NoAnonymousRead");
        yield return new TestCaseData("matrix", TestServer.MatrixConfig(
            "USER:hudson.model.Item.Read:user", "USER:hudson.model.Item.Build:user")).SetArgDisplayNames("GlobalMatrix");
        yield return new TestCaseData("matrix", TestServer.MatrixConfig("USER:hudson.model.Item.Read:user", "USER:hudson.model.Item.Build:user")
            .Replace("hudson.security.GlobalMatrixAuthorizationStrategy", "hudson.security.ProjectMatrixAuthorizationStrategy", StringComparison.Ordinal))
            .SetArgDisplayNames("ProjectMatrix_GlobalPart");
    }

    [Test]
    public async Task EveryRoute_HasAnExpectedCell_WhichItDeclares()
    {
        await using var server = await TestServer.StartSeededAsync();

        var routes = RoutesOf(server);

        var missing = routes.Where(r => !Expected.ContainsKey(r.Key)).Select(r => $"[\"{r.Key}\"] = ({Describe(r.Declared)}, false),");
        Assert.That(missing, Is.Empty, "routes without an expected cell:\n" + string.Join('\n', missing));
        Assert.That(Expected.Keys.Except(routes.Select(r => r.Key)), Is.Empty, "expected cells of routes that are gone");
        var differing = routes.Where(r => !r.Declared.ToHashSet().SetEquals(Expected[r.Key].Needs))
            .Select(r => $"{r.Key}: declares {Describe(r.Declared)}, expected {Describe(Expected[r.Key].Needs)}");
        Assert.That(differing, Is.Empty);
    }

    [TestCaseSource(nameof(Strategies))]
    public async Task EveryRoute_AnswersEachRoleAsItsCellSays(string strategy, string configXml)
    {
        await using var server = await TestServer.StartWithConfigAsync(configXml);
        var clients = await RolesAsync(server, strategy);
        var routes = RoutesOf(server);
        var before = HomeSnapshot.Take(server.Home);
        var failures = new List<string>();
        var checkedCells = 0;

        foreach (var route in routes)
        {
            var (needs, objectChecks) = Expected[route.Key];
            foreach (var method in route.Methods)
            {
                var read = method is "GET" or "HEAD";
                foreach (var (role, client) in clients)
                {
                    // The ordinary user is also the owner of their own User object, which they control.
                    var cells = new List<(string Who, string Url, bool OwnObject)> { (role, route.Url, false) };
                    if (role == User && route.Url.StartsWith(AdminsUserUrl, StringComparison.Ordinal))
                    {
                        cells.Add(("owner", "user/" + User + "/" + route.Url[AdminsUserUrl.Length..], true));
                    }

                    foreach (var (who, url, ownObject) in cells)
                    {
                        var expected = Answer(strategy, role, needs, route.JobScoped);
                        var permitted = expected == HttpStatusCode.OK;
                        if ((permitted && !read) || (permitted && objectChecks && !ownObject))
                        {
                            continue; // a permitted change would change the home; another's object has its own rule (its feature's test)
                        }

                        using var request = new HttpRequestMessage(new HttpMethod(method), url);
                        using var response = await client.SendAsync(request);
                        checkedCells++;
                        var status = response.StatusCode;
                        var ok = permitted ? status is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) : status == expected;
                        if (!ok)
                        {
                            failures.Add($"{method} {url} as {who}: {(int)status}, expected {(permitted ? "not 401/403" : ((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture))}");
                        }
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty, string.Join('\n', failures));
        Assert.That(checkedCells, Is.AtLeast(routes.Count(r => r.Methods.Contains("GET"))), "every readable route was tried");
        Assert.That(before.ChangedFiles(), Is.Empty, "GET, HEAD and refused requests changed these files of the home");
        TestContext.Out.WriteLine($"{strategy}: {routes.Count} routes, {checkedCells} cells checked");
    }

    // What the role may do under the strategy, decided here, not by the server: 200 stands for "permitted".
    private static HttpStatusCode Answer(string strategy, string role, Permission[] needs, bool jobScoped)
    {
        bool Has(Permission p) => strategy switch
        {
            "unsecured" => true,
            "full-control" or "full-control-no-read" => role != "anonymous"
                || (strategy == "full-control" && (p == Permission.OverallRead || p == Permission.ItemRead || p == Permission.ItemDiscover
                    || p == Permission.ItemWorkspace || p == Permission.ViewRead)),
            _ => role == "admin"
                || (role == User && (p == Permission.OverallRead || p == Permission.ItemRead || p == Permission.ItemDiscover || p == Permission.ItemBuild)),
        };

        if (jobScoped && Has(Permission.OverallRead) && !Has(Permission.ItemRead))
        {
            return Has(Permission.ItemDiscover) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
        }

        return needs.All(Has) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
    }

    private static async Task<List<(string Role, HttpClient Client)>> RolesAsync(TestServer server, string strategy)
    {
        var roles = new List<(string, HttpClient)> { ("anonymous", server.Client()) };
        if (strategy != "unsecured")
        {
            var (adminToken, _) = await server.GenerateTokenAsync("admin", server.AdminPassword!, "matrix");
            using (var withCrumb = server.Client("admin", adminToken))
            {
                using var created = await withCrumb.PostAsync("securityRealm/createAccountByAdmin", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["username"] = User, ["password1"] = "user-password-7", ["password2"] = "user-password-7", ["fullname"] = "User",
                }));
                Assert.That((int)created.StatusCode, Is.EqualTo(302));
            }

            server.RememberSecret("user-password-7");
            var (userToken, _) = await server.GenerateTokenAsync(User, "user-password-7", "matrix");
            roles.Add((User, server.Client(User, userToken)));
            roles.Add(("admin", server.Client("admin", adminToken)));
        }

        var creator = strategy == "unsecured" ? server.Client() : roles[^1].Item2;
        var xml = new ByteArrayContent(Encoding.UTF8.GetBytes(BuildKit.Freestyle("echo matrix")));
        xml.Headers.TryAddWithoutValidation("Content-Type", "application/xml");
        using (var created = await creator.PostAsync("createItem?name=secret", xml))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        }

        await BuildKit.BuildAsync(creator, "job/secret/build?delay=0sec");

        // The crumb salt is made at its first use (a page's crumb field), as Jenkins' confidential keys are: once, before the home is hashed.
        using (await creator.GetAsync("job/secret/"))
        {
        }

        return roles;
    }

    private sealed record Route(string Key, string[] Methods, string Url, Permission[] Declared, bool JobScoped);

    private static List<Route> RoutesOf(TestServer server)
    {
        var routes = new List<Route>();
        foreach (var endpoint in server.Probe.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PostOnlyRefusal>() is not null)
            {
                continue; // answers 405 and runs nothing
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"];
            if (endpoint.Metadata.GetMetadata<JobRoutes>() is { } table)
            {
                routes.AddRange(table.Actions.Select(a => new Route(string.Join(',', a.HttpMethods) + " " + a.Template, [.. a.HttpMethods],
                    UrlOf(a.Template), [.. new[] { Permission.OverallRead, Permission.ItemRead, a.Permission }.Distinct()], JobScoped: true)));
                continue;
            }

            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            routes.Add(new Route(string.Join(',', methods) + " " + pattern, methods, UrlOf(pattern),
                [.. endpoint.Metadata.GetOrderedMetadata<RequiredPermission>().Select(r => r.Permission).Distinct()], JobScoped: false));
        }

        return routes;
    }

    // A concrete URL for a template: the seeded objects and the one job and build made for the matrix.
    private static string UrlOf(string template)
    {
        var url = template
            .Replace("/{**ignored}", string.Empty, StringComparison.Ordinal)
            .Replace("{flavor}", "json", StringComparison.Ordinal)
            .Replace("{job}", "secret", StringComparison.Ordinal)
            .Replace("{build}", "1", StringComparison.Ordinal)
            .Replace("/view/{name}", "/view/all", StringComparison.Ordinal)
            .Replace("/computer/{name}", "/computer/(built-in)", StringComparison.Ordinal)
            .Replace("/queue/item/{id}", "/queue/item/1", StringComparison.Ordinal)
            .Replace("/user/{id}", "/user/admin", StringComparison.Ordinal)
            .Replace("{monitor}", "legacyApiToken", StringComparison.Ordinal)
            .Replace("{version}", "x", StringComparison.Ordinal)
            .Replace("{file}", "x", StringComparison.Ordinal);
        url = url.EndsWith("/api", StringComparison.Ordinal) ? url + "/json" : url.EndsWith("/artifact", StringComparison.Ordinal) ? url + "/x" : url;
        return url.TrimStart('/');
    }

    private static string Describe(IEnumerable<Permission> permissions) =>
        permissions.Any() ? "[" + string.Join(", ", permissions.Select(p => "Permission." + NameOf(p))) + "]" : "[]";

    private static string NameOf(Permission permission) =>
        typeof(Permission).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).First(p => p.PropertyType == typeof(Permission) && p.GetValue(null) == permission).Name;

    // Token use is recorded (apiTokenStats.xml and its atomic temp file), as in Jenkins; everything else must stay byte for byte.
    private static string Config(string strategy, bool security = true) => $"""
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson>
          <useSecurity>{(security ? "true" : "false")}</useSecurity>
          {strategy}
          <securityRealm class="hudson.security.HudsonPrivateSecurityRealm"><disableSignup>true</disableSignup></securityRealm>
          <crumbIssuer class="hudson.security.csrf.DefaultCrumbIssuer"/>
        </hudson>
        """;
}
