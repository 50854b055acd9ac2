using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Server.Api;

namespace JenkinsLite.Server.Builds;

/// <summary>The exported shapes of builds, causes and parameters (rest-api.md 5.3), and a job's color.</summary>
internal static class BuildModel
{
    public const string FreeStyleBuildClass = "hudson.model.FreeStyleBuild";

    /// <summary>A build whole; <paramref name="estimatedDuration"/> is its job's (BuildTrend), null for Jenkins' -1.</summary>
    public static void WriteBuild(ApiWriter writer, BuildRecord build, JobItem job, TimeSpan? estimatedDuration, string rootUrl)
    {
        writer.StartObject();
        writer.Property("_class", ClassOf(job));
        writer.Name("actions");
        WriteActions(writer, build.Causes, build.Parameters);
        writer.Name("artifacts");
        WriteArtifacts(writer, build.Artifacts);
        writer.Property("building", build.Building);
        writer.Property("description", build.Description);
        writer.Property("displayName", build.DisplayNameOrNumber);
        writer.Property("duration", (long)build.Duration.TotalMilliseconds);
        writer.Property("estimatedDuration", estimatedDuration is { } estimate ? (long)estimate.TotalMilliseconds : -1);
        if (build.Building)
        {
            writer.ClassOnlyProperty("executor", "hudson.model.Executor");
        }
        else
        {
            writer.NullProperty("executor");
        }

        writer.Property("fullDisplayName", build.FullDisplayName);
        writer.Property("id", build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.Property("inProgress", build.Building);
        writer.Property("keepLog", build.KeepLog);
        writer.Property("number", build.Number);
        writer.Property("queueId", build.QueueId);
        writer.Property("result", build.Result is { } result ? BuildRecord.ResultName(result) : null);
        writer.Property("timestamp", build.Timestamp.ToUnixTimeMilliseconds());
        writer.Property("url", JobRoute.BuildUrlOf(rootUrl, job.FullName, build.Number));
        writer.Property("builtOn", string.Empty);
        writer.Name("changeSet");
        writer.StartObject();
        writer.Property("_class", "hudson.scm.EmptyChangeLogSet");
        writer.EmptyArrayProperty("items");
        writer.NullProperty("kind");
        writer.EndObject();
        writer.EmptyArrayProperty("culprits");
        writer.EndObject();
    }

    /// <summary>A build as a reference: <c>{_class, number, url}</c>.</summary>
    public static void WriteReference(ApiWriter writer, JobItem job, int number, string rootUrl)
    {
        writer.StartObject();
        writer.Property("_class", ClassOf(job));
        writer.Property("number", number);
        writer.Property("url", JobRoute.BuildUrlOf(rootUrl, job.FullName, number));
        writer.EndObject();
    }

    public static void WriteActions(ApiWriter writer, IReadOnlyList<BuildCause> causes, IReadOnlyList<ParameterValue> parameters)
    {
        writer.StartArray();
        if (parameters.Count > 0)
        {
            writer.StartObject();
            writer.Property("_class", "hudson.model.ParametersAction");
            writer.Name("parameters");
            writer.StartArray();
            foreach (var parameter in parameters)
            {
                WriteParameter(writer, parameter);
            }

            writer.EndArray();
            writer.EndObject();
        }

        writer.StartObject();
        writer.Property("_class", "hudson.model.CauseAction");
        writer.Name("causes");
        writer.StartArray();
        foreach (var cause in causes)
        {
            WriteCause(writer, cause);
        }

        writer.EndArray();
        writer.EndObject();
        writer.EndArray();
    }

    /// <summary>
    /// Jenkins' ball color: from the last completed build ("notbuilt" before any), "disabled" when disabled
    /// (a copy held until saved is not: Jenkins' isDisabled reads the flag only), "_anime" while one runs.
    /// </summary>
    public static string ColorOf(JobItem job, IReadOnlyList<BuildRecord> builds, bool building)
    {
        BuildResult? last = null;
        for (var i = 0; i < builds.Count; i++) // no enumerator: every job's color on every api/json comes here
        {
            if (!builds[i].Building)
            {
                last = builds[i].Result;
                break;
            }
        }

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
    public static void WriteNested(ApiWriter writer, BuildRecord build, JobItem job, TimeSpan? estimatedDuration, string rootUrl, int depth)
    {
        if (depth > 0)
        {
            WriteBuild(writer, build, job, estimatedDuration, rootUrl);
        }
        else
        {
            WriteReference(writer, job, build.Number, rootUrl);
        }
    }

    private static string ClassOf(JobItem job) =>
        job.Config.Kind == ItemKind.FreeStyle ? FreeStyleBuildClass : job.Config.ClassName.Replace("Job", "Run", StringComparison.Ordinal);

    private static void WriteCause(ApiWriter writer, BuildCause cause)
    {
        writer.StartObject();
        writer.Property("_class", cause.ClassName);
        writer.Property("shortDescription", cause.ShortDescription);
        if (cause.ClassName == BuildCause.UserIdCauseClass)
        {
            writer.Property("userId", cause.UserId);
            writer.Property("userName", cause.UserName ?? "anonymous");
        }
        else if (cause.ClassName == BuildCause.RemoteCauseClass)
        {
            writer.Property("addr", cause.RemoteAddress);
            writer.Property("note", cause.Note);
        }

        writer.EndObject();
    }

    // Jenkins exports no value for a password (a Secret is not exported).
    private static void WriteParameter(ApiWriter writer, ParameterValue parameter)
    {
        writer.StartObject();
        writer.Property("_class", parameter.ClassName);
        writer.Property("name", parameter.Name);
        if (!parameter.Sensitive)
        {
            if (parameter.IsBoolean)
            {
                writer.Property("value", parameter.Value == "true");
            }
            else
            {
                writer.Property("value", parameter.Value);
            }
        }

        writer.EndObject();
    }

    private static void WriteArtifacts(ApiWriter writer, IReadOnlyList<string> artifacts)
    {
        writer.StartArray();
        if (artifacts.Count > 0)
        {
            var names = artifacts.GroupBy(a => a[(a.LastIndexOf('/') + 1)..]).ToDictionary(g => g.Key, g => g.Count());
            foreach (var path in artifacts)
            {
                var fileName = path[(path.LastIndexOf('/') + 1)..];
                writer.StartObject();
                writer.Property("displayPath", names[fileName] > 1 ? path : fileName);
                writer.Property("fileName", fileName);
                writer.Property("relativePath", path);
                writer.EndObject();
            }
        }

        writer.EndArray();
    }
}
