using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Builds;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Jobs;

/// <summary>
/// Jenkins' exported job and folder objects (rest-api.md 5.2), at a depth: an object is shown whole, and
/// the objects it refers to in summary at depth 0, whole with one level less at depth 1 and more.
/// </summary>
internal sealed class JobModel(HttpContext context, JobRegistry jobs, IBuildHistory history)
{
    /// <summary>The newest builds listed in <c>builds</c>, as Jenkins.</summary>
    private const int BuildsShown = 100;

    private readonly bool _canSeeItems = JobAccess.CanSeeItems(context);

    private readonly bool _seesEveryItem = context.SeesEveryItem();

    // Job#getBuilds: every build, exported hidden (visibility -2), so only a tree= that names it sees it.
    private readonly bool _showAllBuilds = ApiResponse.TreeNames(context, "allBuilds");

    // Once per request: every item and build link starts with it.
    private readonly string _rootUrl = RootUrl.Of(context);

    public string UrlOf(JobItem item) => JobRoutes.UrlOf(_rootUrl, item.FullName);

    /// <summary>An item inside another object: whole when there is depth left, else its summary.</summary>
    public void WriteNested(ApiWriter writer, JobItem item, int depth)
    {
        if (depth > 0)
        {
            WriteFull(writer, item, depth - 1);
        }
        else
        {
            WriteSummary(writer, item);
        }
    }

    /// <summary>The items of a list the caller may see.</summary>
    public void WriteList(ApiWriter writer, IEnumerable<JobItem> items, int depth)
    {
        writer.StartArray();
        if (_canSeeItems)
        {
            foreach (var item in items)
            {
                if (_seesEveryItem || context.Sees(item))
                {
                    WriteNested(writer, item, depth);
                }
            }
        }

        writer.EndArray();
    }

    /// <summary><c>{_class, name, url, color}</c>; a folder has no color.</summary>
    public void WriteSummary(ApiWriter writer, JobItem item)
    {
        var color = item.Config.Kind == ItemKind.Folder ? null : Color(item);
        writer.StartObject();
        writer.Fragment(Summaries.Of(item, _rootUrl, color));
        writer.EndObject();
    }

    public void WriteFull(ApiWriter writer, JobItem item, int depth)
    {
        if (item.Config.Kind == ItemKind.Folder)
        {
            WriteFolder(writer, item, depth);
        }
        else
        {
            WriteJob(writer, item, depth);
        }
    }

    // A summary under the root URL and with the colour last shown: a JobItem never changes (a new config is a new item),
    // so its summary is written once, not once per job on every api/json; another root URL or colour writes it again.
    private static readonly ApiFragmentCache<JobItem> Summaries = new((writer, item, rootUrl, color) =>
    {
        writer.Property("_class", item.Config.ClassName);
        writer.Property("name", item.Name);
        writer.Property("url", JobRoutes.UrlOf(rootUrl, item.FullName));
        if (color is not null)
        {
            writer.Property("color", color);
        }
    });

    public string Color(JobItem item) => BuildModel.ColorOf(item, history.BuildsOf(item.FullName), history.IsBuilding(item.FullName));

    private void WriteFolder(ApiWriter writer, JobItem item, int depth)
    {
        var url = UrlOf(item);
        WriteIdentity(writer, item, parameters: null);
        writer.EmptyArrayProperty("healthReport");
        writer.Name("jobs");
        WriteList(writer, jobs.Children(item.FullName), depth);
        writer.Name("primaryView");
        WriteAllView(writer, url);
        writer.Name("views");
        writer.StartArray();
        WriteAllView(writer, url);
        writer.EndArray();
        writer.EndObject();
    }

    private static void WriteAllView(ApiWriter writer, string url)
    {
        writer.StartObject();
        writer.Property("_class", "hudson.model.AllView");
        writer.Property("name", "All");
        writer.Property("url", url);
        writer.EndObject();
    }

    private void WriteJob(ApiWriter writer, JobItem item, int depth)
    {
        var builds = history.BuildsOf(item.FullName);
        var completed = builds.Where(b => !b.Building && b.Result is not null).ToList();
        var estimate = BuildTrend.EstimatedDuration(builds); // once for every build this job shows
        var queued = history.QueuedItemOf(item.FullName);
        var config = item.Config;
        WriteIdentity(writer, item, config.IsParameterized ? config : null);
        writer.Property("buildable", !config.Disabled && !item.HeldAfterCopy && config.IsBuildable);
        writer.Name("builds");
        WriteBuilds(writer, item, builds.Take(BuildsShown), estimate, depth);
        if (_showAllBuilds)
        {
            writer.Name("allBuilds");
            WriteBuilds(writer, item, builds, estimate, depth);
        }

        writer.Property("color", Color(item));
        WriteBuildOrNull(writer, "firstBuild", item, builds.Count > 0 ? builds[^1] : null, estimate, depth);
        writer.Name("healthReport");
        writer.StartArray();
        if (BuildTrend.Stability(builds) is { } health)
        {
            WriteHealthReport(writer, health);
        }

        writer.EndArray();
        writer.Property("inQueue", queued is not null);
        writer.Property("keepDependencies", false);
        WriteBuildOrNull(writer, "lastBuild", item, builds.Count > 0 ? builds[0] : null, estimate, depth);
        WriteBuildOrNull(writer, "lastCompletedBuild", item, completed.FirstOrDefault(), estimate, depth);
        WriteBuildOrNull(writer, "lastFailedBuild", item, completed.FirstOrDefault(b => b.Result == BuildResult.Failure), estimate, depth);
        WriteBuildOrNull(writer, "lastStableBuild", item, completed.FirstOrDefault(b => b.Result == BuildResult.Success), estimate, depth);
        WriteBuildOrNull(writer, "lastSuccessfulBuild", item, completed.FirstOrDefault(b => b.Result is BuildResult.Success or BuildResult.Unstable), estimate, depth);
        WriteBuildOrNull(writer, "lastUnstableBuild", item, completed.FirstOrDefault(b => b.Result == BuildResult.Unstable), estimate, depth);
        WriteBuildOrNull(writer, "lastUnsuccessfulBuild", item, completed.FirstOrDefault(b => b.Result != BuildResult.Success), estimate, depth);
        writer.Property("nextBuildNumber", history.NextBuildNumber(item.FullName));
        writer.Name("property");
        writer.StartArray();
        if (config.IsParameterized)
        {
            WriteParametersProperty(writer, config);
        }

        writer.EndArray();
        writer.Name("queueItem");
        if (queued is { } id)
        {
            writer.StartObject();
            writer.Property("_class", "hudson.model.Queue$WaitingItem");
            writer.Property("blocked", false);
            writer.Property("buildable", false);
            writer.Property("id", id);
            writer.Property("params", string.Empty);
            writer.Property("stuck", false);
            writer.Property("url", $"queue/item/{id}/");
            writer.Property("why", "In the quiet period.");
            writer.EndObject();
        }
        else
        {
            writer.Null();
        }

        writer.Property("concurrentBuild", config.ConcurrentBuild);
        writer.Property("disabled", config.Disabled);
        writer.EmptyArrayProperty("downstreamProjects");
        writer.Property("labelExpression", config.AssignedLabel);
        writer.ClassOnlyProperty("scm", "hudson.scm.NullSCM");
        writer.EmptyArrayProperty("upstreamProjects");
        writer.EndObject();
    }

    /// <summary>Opens the item's object and writes what jobs and folders share; a parameterized job's actions hold its parameters.</summary>
    private void WriteIdentity(ApiWriter writer, JobItem item, JobConfig? parameters)
    {
        writer.StartObject();
        writer.Property("_class", item.Config.ClassName);
        writer.Name("actions");
        writer.StartArray();
        if (parameters is not null)
        {
            WriteParametersProperty(writer, parameters);
            writer.StartObject();
            writer.EndObject();
        }

        writer.EndArray();
        writer.Property("description", item.Config.Description);
        writer.Property("displayName", item.Name);
        writer.NullProperty("displayNameOrNull");
        writer.Property("fullDisplayName", item.FullDisplayName);
        writer.Property("fullName", item.FullName);
        writer.Property("name", item.Name);
        writer.Property("url", UrlOf(item));
    }

    private void WriteBuilds(ApiWriter writer, JobItem item, IEnumerable<BuildRecord> builds, TimeSpan? estimate, int depth)
    {
        writer.StartArray();
        foreach (var build in builds)
        {
            BuildModel.WriteNested(writer, build, item, estimate, _rootUrl, depth);
        }

        writer.EndArray();
    }

    private void WriteBuildOrNull(ApiWriter writer, string name, JobItem item, BuildRecord? build, TimeSpan? estimate, int depth)
    {
        writer.Name(name);
        if (build is null)
        {
            writer.Null();
        }
        else
        {
            BuildModel.WriteNested(writer, build, item, estimate, _rootUrl, depth);
        }
    }

    // Jenkins' HealthReport: the icon follows the score's weather.
    private static void WriteHealthReport(ApiWriter writer, BuildHealth health)
    {
        var band = health.Weather switch
        {
            HealthWeather.Stormy => "00to19",
            HealthWeather.Raining => "20to39",
            HealthWeather.Cloudy => "40to59",
            HealthWeather.PartlyCloudy => "60to79",
            _ => "80plus",
        };
        writer.StartObject();
        writer.Property("description", health.Description);
        writer.Property("iconClassName", "icon-health-" + band);
        writer.Property("iconUrl", $"health-{band}.png");
        writer.Property("score", health.Score);
        writer.EndObject();
    }

    private static void WriteParametersProperty(ApiWriter writer, JobConfig config)
    {
        writer.StartObject();
        writer.Property("_class", "hudson.model.ParametersDefinitionProperty");
        writer.Name("parameterDefinitions");
        writer.StartArray();
        foreach (var parameter in config.Parameters)
        {
            WriteParameter(writer, parameter);
        }

        writer.EndArray();
        writer.EndObject();
    }

    private static void WriteParameter(ApiWriter writer, ParameterDefinition parameter)
    {
        var valueClass = parameter.Kind switch
        {
            ParameterKind.Boolean => "hudson.model.BooleanParameterValue",
            ParameterKind.Password => "hudson.model.PasswordParameterValue",
            ParameterKind.MultiLineText => "hudson.model.TextParameterValue",
            _ => "hudson.model.StringParameterValue",
        };
        writer.StartObject();
        writer.Property("_class", parameter.ClassName);
        writer.Name("defaultParameterValue");
        writer.StartObject();
        writer.Property("_class", valueClass);
        writer.Property("name", parameter.Name);
        if (parameter.Kind == ParameterKind.Boolean)
        {
            writer.Property("value", parameter.DefaultValue == "true");
        }
        else if (parameter.Kind != ParameterKind.Password)
        {
            writer.Property("value", parameter.DefaultValue ?? string.Empty);
        }

        writer.EndObject();
        writer.Property("description", parameter.Description);
        writer.Property("name", parameter.Name);
        writer.Property("type", parameter.ClassName[(parameter.ClassName.LastIndexOf('.') + 1)..]);
        if (parameter.Kind == ParameterKind.Choice)
        {
            writer.Name("choices");
            writer.StartArray();
            foreach (var choice in parameter.Choices)
            {
                writer.String(choice);
            }

            writer.EndArray();
        }

        writer.EndObject();
    }
}
