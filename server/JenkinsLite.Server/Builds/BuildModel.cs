using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Builds;

/// <summary>The exported shapes of builds, causes and parameters (rest-api.md 5.3), and a job's color.</summary>
internal static class BuildModel
{
    public const string FreeStyleBuildClass = "hudson.model.FreeStyleBuild";

    /// <summary>A build whole; <paramref name="estimatedDuration"/> is its job's (BuildTrend), null for Jenkins' -1.</summary>
    public static JObject Build(BuildRecord build, JobItem job, TimeSpan? estimatedDuration, string rootUrl)
    {
        var url = JobRoute.BuildUrlOf(rootUrl, job.FullName, build.Number);
        return new JObject
        {
            ["_class"] = ClassOf(job),
            ["actions"] = Actions(build.Causes, build.Parameters),
            ["artifacts"] = Artifacts(build.Artifacts),
            ["building"] = build.Building,
            ["description"] = build.Description,
            ["displayName"] = build.DisplayNameOrNumber,
            ["duration"] = (long)build.Duration.TotalMilliseconds,
            ["estimatedDuration"] = estimatedDuration is { } estimate ? (long)estimate.TotalMilliseconds : -1,
            ["executor"] = build.Building ? new JObject { ["_class"] = "hudson.model.Executor" } : null,
            ["fullDisplayName"] = build.FullDisplayName,
            ["id"] = build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["inProgress"] = build.Building,
            ["keepLog"] = build.KeepLog,
            ["number"] = build.Number,
            ["queueId"] = build.QueueId,
            ["result"] = build.Result is { } result ? BuildRecord.ResultName(result) : null,
            ["timestamp"] = build.Timestamp.ToUnixTimeMilliseconds(),
            ["url"] = url,
            ["builtOn"] = string.Empty,
            ["changeSet"] = new JObject { ["_class"] = "hudson.scm.EmptyChangeLogSet", ["items"] = new JArray(), ["kind"] = null },
            ["culprits"] = new JArray(),
        };
    }

    /// <summary>A build as a reference: <c>{_class, number, url}</c>.</summary>
    public static JObject Reference(JobItem job, int number, string rootUrl) => new()
    {
        ["_class"] = ClassOf(job),
        ["number"] = number,
        ["url"] = JobRoute.BuildUrlOf(rootUrl, job.FullName, number),
    };

    public static JArray Actions(IReadOnlyList<BuildCause> causes, IReadOnlyList<ParameterValue> parameters)
    {
        var actions = new JArray();
        if (parameters.Count > 0)
        {
            actions.Add(new JObject
            {
                ["_class"] = "hudson.model.ParametersAction",
                ["parameters"] = new JArray(parameters.Select(Parameter)),
            });
        }

        actions.Add(new JObject { ["_class"] = "hudson.model.CauseAction", ["causes"] = new JArray(causes.Select(Cause)) });
        return actions;
    }

    /// <summary>
    /// Jenkins' ball color: from the last completed build ("notbuilt" before any), "disabled" when disabled
    /// (a copy held until saved is not: Jenkins' isDisabled reads the flag only), "_anime" while one runs.
    /// </summary>
    public static string ColorOf(JobItem job, IReadOnlyList<BuildRecord> builds, bool building)
    {
        var last = builds.FirstOrDefault(b => !b.Building)?.Result;
        var color = job.Config.Disabled ? "disabled" : last switch
        {
            BuildResult.Success => "blue",
            BuildResult.Unstable => "yellow",
            BuildResult.Failure => "red",
            BuildResult.Aborted => "aborted",
            _ => "notbuilt",
        };
        return building ? color + "_anime" : color;
    }

    /// <summary>A build as a reference: <c>{_class, number, url}</c>, or a whole build when there is depth left.</summary>
    public static JObject Nested(BuildRecord build, JobItem job, TimeSpan? estimatedDuration, string rootUrl, int depth) =>
        depth > 0 ? Build(build, job, estimatedDuration, rootUrl) : Reference(job, build.Number, rootUrl);

    private static string ClassOf(JobItem job) =>
        job.Config.Kind == ItemKind.FreeStyle ? FreeStyleBuildClass : job.Config.ClassName.Replace("Job", "Run", StringComparison.Ordinal);

    private static JObject Cause(BuildCause cause)
    {
        var json = new JObject { ["_class"] = cause.ClassName, ["shortDescription"] = cause.ShortDescription };
        if (cause.ClassName == BuildCause.UserIdCauseClass)
        {
            json["userId"] = cause.UserId;
            json["userName"] = cause.UserName ?? "anonymous";
        }
        else if (cause.ClassName == BuildCause.RemoteCauseClass)
        {
            json["addr"] = cause.RemoteAddress;
            json["note"] = cause.Note;
        }

        return json;
    }

    // Jenkins exports no value for a password (a Secret is not exported).
    private static JObject Parameter(ParameterValue parameter)
    {
        var json = new JObject { ["_class"] = parameter.ClassName, ["name"] = parameter.Name };
        if (!parameter.Sensitive)
        {
            json["value"] = parameter.IsBoolean ? parameter.Value == "true" : parameter.Value;
        }

        return json;
    }

    private static JArray Artifacts(IReadOnlyList<string> artifacts)
    {
        var names = artifacts.GroupBy(a => a[(a.LastIndexOf('/') + 1)..]).ToDictionary(g => g.Key, g => g.Count());
        return new JArray(artifacts.Select(path =>
        {
            var fileName = path[(path.LastIndexOf('/') + 1)..];
            return new JObject
            {
                ["displayPath"] = names[fileName] > 1 ? path : fileName,
                ["fileName"] = fileName,
                ["relativePath"] = path,
            };
        }));
    }
}
