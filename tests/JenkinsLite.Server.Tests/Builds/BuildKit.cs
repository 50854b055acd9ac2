using System.Net;
using System.Security;
using JenkinsLite.Server.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Builds;

/// <summary>Jobs the build tests add to a seeded home, and the polling every build test needs.</summary>
internal static class BuildKit
{
    /// <summary>Starts a seeded server, adds <paramref name="jobs"/> (name → config.xml) and a quiet period of 0, and restarts it to load them.</summary>
    public static async Task<TestServer> StartWithJobsAsync(IReadOnlyDictionary<string, string> jobs)
    {
        var server = await TestServer.StartSeededAsync();
        AddJobs(server.Home, jobs);
        await server.RestartAsync();
        return server;
    }

    public static void AddJobs(string home, IReadOnlyDictionary<string, string> jobs)
    {
        foreach (var (name, xml) in jobs)
        {
            var folder = Path.Combine([home, .. name.Split('/').SelectMany(s => new[] { "jobs", s })]);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "config.xml"), xml);
        }

        var config = Path.Combine(home, "config.xml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("<quietPeriod>5</quietPeriod>", "<quietPeriod>0</quietPeriod>", StringComparison.Ordinal));
    }

    /// <summary>An empty folder's config.xml.</summary>
    public const string Folder = """
        <?xml version='1.1' encoding='UTF-8'?>
        <com.cloudbees.hudson.plugins.folder.Folder plugin="cloudbees-folder">
          <description/>
          <properties/>
        </com.cloudbees.hudson.plugins.folder.Folder>
        """;

    public static string Freestyle(string command, string publishers = "", string properties = "", string extra = "") => $"""
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <description/>
          <keepDependencies>false</keepDependencies>
          <properties>{properties}</properties>
          <scm class="hudson.scm.NullSCM"/>
          <disabled>false</disabled>
          <concurrentBuild>false</concurrentBuild>{extra}
          <builders>
            <hudson.tasks.Shell>
              <command>{SecurityElement.Escape(command)}</command>
            </hudson.tasks.Shell>
          </builders>
          <publishers>{publishers}</publishers>
          <buildWrappers/>
        </project>
        """;

    public static string Archiver(string artifacts, bool allowEmpty = false) => $"""
        <hudson.tasks.ArtifactArchiver>
          <artifacts>{artifacts}</artifacts>
          <allowEmptyArchive>{(allowEmpty ? "true" : "false")}</allowEmptyArchive>
          <onlyIfSuccessful>false</onlyIfSuccessful>
        </hudson.tasks.ArtifactArchiver>
        """;

    /// <summary>Posts a trigger and returns the queue id from Location (which must end with '/').</summary>
    public static async Task<long> TriggerAsync(HttpClient client, string path, params (string Key, string Value)[] form)
    {
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Does.StartWith(client.BaseAddress!.ToString() + "queue/item/").And.EndWith("/"));
        return long.Parse(location.TrimEnd('/').Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls the queue item until it has left; returns its JSON.</summary>
    public static async Task<JObject> LeftItemAsync(HttpClient client, long id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            using var response = await client.GetAsync($"queue/item/{id}/api/json");
            var item = JObject.Parse(await response.Content.ReadAsStringAsync());
            if (item["_class"]!.ToString() == "hudson.model.Queue$LeftItem")
            {
                return item;
            }

            Assert.That(item.ContainsKey("executable"), Is.False, "a waiting item has no executable key");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"queue item {id} never left: {item}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls a build until it is no longer building; returns its JSON.</summary>
    public static async Task<JObject> FinishedBuildAsync(HttpClient client, string buildPath, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            using var response = await client.GetAsync(buildPath + "api/json");
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            var build = JObject.Parse(text);
            if (!(bool)build["building"]!)
            {
                return build;
            }

            Assert.That(build["result"]!.Type, Is.EqualTo(JTokenType.Null), "no result while building");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"build {buildPath} still running: {build}");
            await Task.Delay(50);
        }
    }

    /// <summary>Triggers, waits for the build to finish; returns the build's relative path ("job/x/3/") and JSON.</summary>
    public static async Task<(string Path, JObject Build)> BuildAsync(HttpClient client, string jobPath, params (string Key, string Value)[] form)
    {
        var path = await StartedBuildAsync(client, jobPath, form);
        return (path, await FinishedBuildAsync(client, path));
    }

    /// <summary>Triggers and waits until the item has left the queue; returns the build's relative path ("job/x/3/").</summary>
    public static async Task<string> StartedBuildAsync(HttpClient client, string jobPath, params (string Key, string Value)[] form) =>
        ExecutablePathOf(await LeftItemAsync(client, await TriggerAsync(client, jobPath, form)));

    /// <summary>The relative path ("job/x/3/") of the build a left queue item became.</summary>
    public static string ExecutablePathOf(JObject leftItem) => new Uri(leftItem["executable"]!["url"]!.ToString()).AbsolutePath.TrimStart('/');

    public static async Task<string> ConsoleAsync(HttpClient client, string buildPath)
    {
        using var response = await client.GetAsync(buildPath + "consoleText");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Processes whose environment names this home: whatever a build started and left behind.</summary>
    public static IReadOnlyList<int> ProcessesOfHome(string home)
    {
        var needle = "JENKINS_HOME=" + Path.TrimEndingDirectorySeparator(Path.GetFullPath(home)) + "\0";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "environ"))).Contains(needle, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone, or not ours
            }
        }

        return found;
    }
}
