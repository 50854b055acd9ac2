using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Builds;
using JenkinsLite.Server.Security;
using Newtonsoft.Json.Linq;

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

    // Job#getBuilds: every build, exported hidden (visibility -2), so only a tree= that names it sees it.
    private readonly bool _showAllBuilds = ApiResponse.TreeNames(context, "allBuilds");

    // Once per request: every item and build link starts with it.
    private readonly string _rootUrl = RootUrl.Of(context);

    public string UrlOf(JobItem item) => JobRoutes.UrlOf(_rootUrl, item.FullName);

    /// <summary>An item inside another object: whole when there is depth left, else its summary.</summary>
    public JObject Nested(JobItem item, int depth) => depth > 0 ? Full(item, depth - 1) : Summary(item);

    /// <summary>The items of a list the caller may see.</summary>
    public JArray List(IEnumerable<JobItem> items, int depth) =>
        _canSeeItems ? new JArray(items.Where(context.Sees).Select(i => Nested(i, depth))) : [];

    /// <summary><c>{_class, name, url, color}</c>; a folder has no color.</summary>
    public JObject Summary(JobItem item)
    {
        var summary = new JObject
        {
            ["_class"] = item.Config.ClassName,
            ["name"] = item.Name,
            ["url"] = UrlOf(item),
        };
        if (item.Config.Kind != ItemKind.Folder)
        {
            summary["color"] = Color(item);
        }

        return summary;
    }

    public JObject Full(JobItem item, int depth) =>
        item.Config.Kind == ItemKind.Folder ? Folder(item, depth) : Job(item, depth);

    public string Color(JobItem item) => BuildModel.ColorOf(item, history.BuildsOf(item.FullName), history.IsBuilding(item.FullName));

    private JObject Folder(JobItem item, int depth)
    {
        var url = UrlOf(item);
        var allView = new JObject { ["_class"] = "hudson.model.AllView", ["name"] = "All", ["url"] = url };
        var model = Identity(item);
        model["healthReport"] = new JArray();
        model["jobs"] = List(jobs.Children(item.FullName), depth);
        model["primaryView"] = allView;
        model["views"] = new JArray(allView.DeepClone());
        return model;
    }

    private JObject Job(JobItem item, int depth)
    {
        var builds = history.BuildsOf(item.FullName);
        var completed = builds.Where(b => !b.Building && b.Result is not null).ToList();
        var estimate = BuildTrend.EstimatedDuration(builds); // once for every build this job shows
        var queued = history.QueuedItemOf(item.FullName);
        var config = item.Config;
        var model = Identity(item);
        model["buildable"] = !config.Disabled && !item.HeldAfterCopy && config.IsBuildable;
        model["builds"] = new JArray(builds.Take(BuildsShown).Select(b => Build(item, b, estimate, depth)));
        if (_showAllBuilds)
        {
            model["allBuilds"] = new JArray(builds.Select(b => Build(item, b, estimate, depth)));
        }

        model["color"] = Color(item);
        model["firstBuild"] = BuildOrNull(item, builds.Count > 0 ? builds[^1] : null, estimate, depth);
        model["healthReport"] = BuildTrend.Stability(builds) is { } health ? new JArray(HealthReport(health)) : new JArray();
        model["inQueue"] = queued is not null;
        model["keepDependencies"] = false;
        model["lastBuild"] = BuildOrNull(item, builds.Count > 0 ? builds[0] : null, estimate, depth);
        model["lastCompletedBuild"] = BuildOrNull(item, completed.FirstOrDefault(), estimate, depth);
        model["lastFailedBuild"] = BuildOrNull(item, completed.FirstOrDefault(b => b.Result == BuildResult.Failure), estimate, depth);
        model["lastStableBuild"] = BuildOrNull(item, completed.FirstOrDefault(b => b.Result == BuildResult.Success), estimate, depth);
        model["lastSuccessfulBuild"] = BuildOrNull(item, completed.FirstOrDefault(b => b.Result is BuildResult.Success or BuildResult.Unstable), estimate, depth);
        model["lastUnstableBuild"] = BuildOrNull(item, completed.FirstOrDefault(b => b.Result == BuildResult.Unstable), estimate, depth);
        model["lastUnsuccessfulBuild"] = BuildOrNull(item, completed.FirstOrDefault(b => b.Result != BuildResult.Success), estimate, depth);
        model["nextBuildNumber"] = history.NextBuildNumber(item.FullName);
        model["property"] = config.IsParameterized ? new JArray(ParametersProperty(config)) : new JArray();
        model["queueItem"] = queued is { } id
            ? new JObject
            {
                ["_class"] = "hudson.model.Queue$WaitingItem",
                ["blocked"] = false,
                ["buildable"] = false,
                ["id"] = id,
                ["params"] = string.Empty,
                ["stuck"] = false,
                ["url"] = $"queue/item/{id}/",
                ["why"] = "In the quiet period.",
            }
            : null;
        model["concurrentBuild"] = config.ConcurrentBuild;
        model["disabled"] = config.Disabled;
        model["downstreamProjects"] = new JArray();
        model["labelExpression"] = config.AssignedLabel;
        model["scm"] = new JObject { ["_class"] = "hudson.scm.NullSCM" };
        model["upstreamProjects"] = new JArray();
        if (config.IsParameterized)
        {
            model["actions"] = new JArray(ParametersProperty(config), new JObject());
        }

        return model;
    }

    private JObject Identity(JobItem item)
    {
        var displayName = item.Name;
        return new JObject
        {
            ["_class"] = item.Config.ClassName,
            ["actions"] = new JArray(),
            ["description"] = item.Config.Description,
            ["displayName"] = displayName,
            ["displayNameOrNull"] = null,
            ["fullDisplayName"] = item.FullDisplayName,
            ["fullName"] = item.FullName,
            ["name"] = item.Name,
            ["url"] = UrlOf(item),
        };
    }

    private JToken BuildOrNull(JobItem item, BuildRecord? build, TimeSpan? estimate, int depth) =>
        build is null ? JValue.CreateNull() : Build(item, build, estimate, depth);

    private JObject Build(JobItem item, BuildRecord build, TimeSpan? estimate, int depth) =>
        BuildModel.Nested(build, item, estimate, _rootUrl, depth);

    // Jenkins' HealthReport: the icon follows the score's weather.
    private static JObject HealthReport(BuildHealth health)
    {
        var band = health.Weather switch
        {
            HealthWeather.Stormy => "00to19",
            HealthWeather.Raining => "20to39",
            HealthWeather.Cloudy => "40to59",
            HealthWeather.PartlyCloudy => "60to79",
            _ => "80plus",
        };
        return new JObject
        {
            ["description"] = health.Description,
            ["iconClassName"] = "icon-health-" + band,
            ["iconUrl"] = $"health-{band}.png",
            ["score"] = health.Score,
        };
    }

    private static JObject ParametersProperty(JobConfig config) => new()
    {
        ["_class"] = "hudson.model.ParametersDefinitionProperty",
        ["parameterDefinitions"] = new JArray(config.Parameters.Select(Parameter)),
    };

    private static JObject Parameter(ParameterDefinition parameter)
    {
        var valueClass = parameter.Kind switch
        {
            ParameterKind.Boolean => "hudson.model.BooleanParameterValue",
            ParameterKind.Password => "hudson.model.PasswordParameterValue",
            ParameterKind.MultiLineText => "hudson.model.TextParameterValue",
            _ => "hudson.model.StringParameterValue",
        };
        var value = new JObject { ["_class"] = valueClass, ["name"] = parameter.Name };
        if (parameter.Kind == ParameterKind.Boolean)
        {
            value["value"] = parameter.DefaultValue == "true";
        }
        else if (parameter.Kind != ParameterKind.Password)
        {
            value["value"] = parameter.DefaultValue ?? string.Empty;
        }

        var model = new JObject
        {
            ["_class"] = parameter.ClassName,
            ["defaultParameterValue"] = value,
            ["description"] = parameter.Description,
            ["name"] = parameter.Name,
            ["type"] = parameter.ClassName[(parameter.ClassName.LastIndexOf('.') + 1)..],
        };
        if (parameter.Kind == ParameterKind.Choice)
        {
            model["choices"] = new JArray(parameter.Choices);
        }

        return model;
    }
}
