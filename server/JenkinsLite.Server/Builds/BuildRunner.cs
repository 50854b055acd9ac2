using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Server.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// Runs one build on an executor, as a freestyle build: the shell steps in order, then the artifact
/// archiver, then "Finished: RESULT" as the console's last line. Other item types end NOT_BUILT, saying so.
/// </summary>
internal sealed partial class BuildRunner(
    BuildQueue queue,
    IJobCatalog jobs,
    BuildFiles files,
    IServer server,
    BuildSandbox sandbox,
    ILogger<BuildRunner> logger)
{
    /// <summary>How long a stopped build's processes get between SIGTERM and SIGKILL.</summary>
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(3);

    // Variables a build inherits from the server's environment; nothing else (no server secrets).
    private static readonly string[] Inherited = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "TZ", "TMPDIR", "TERM"];

    public async Task RunAsync(StartedBuild build)
    {
        var record = build.Record;
        var result = BuildResult.Failure; // until the steps say otherwise
        IReadOnlyList<string> artifacts = [];
        try
        {
            await using var console = new ConsoleLog(files.OpenLogForAppend(record.JobFullName, record.Number),
                [.. record.Parameters.Where(p => p.Sensitive).Select(p => p.Value)]);
            try
            {
                (result, artifacts) = await RunStepsAsync(build, console);
            }
            catch (Exception e)
            {
                LogBuildFault(logger, record.JobFullName, record.Number, e);
                await console.WriteLineAsync("FATAL: the build could not run: " + e.Message);
                result = BuildResult.Failure;
            }

            if (build.IsAborted)
            {
                await console.WriteLineAsync("Build was aborted");
                result = BuildResult.Aborted;
            }

            await console.FlushAsync();
            if (console.WriteFailure is { } failure)
            {
                LogConsoleFault(logger, record.JobFullName, record.Number, failure);
                result = BuildResult.Failure;
            }

            await console.WriteLineAsync("Finished: " + BuildRecord.ResultName(result));
        }
        finally
        {
            queue.Finish(build, result, artifacts);
        }
    }

    private async Task<(BuildResult, IReadOnlyList<string>)> RunStepsAsync(StartedBuild build, ConsoleLog console)
    {
        var record = build.Record;
        var job = jobs.Find(record.JobFullName);
        if (job is null)
        {
            await console.WriteLineAsync($"The job {record.JobFullName} no longer exists.");
            return (BuildResult.NotBuilt, []);
        }

        if (job.Config.Kind != ItemKind.FreeStyle)
        {
            await console.WriteLineAsync($"JenkinsLite does not run {job.Config.ClassName} items; only freestyle projects are built.");
            return (BuildResult.NotBuilt, []);
        }

        await console.WriteLineAsync("Running as SYSTEM");
        var workspace = files.WorkspaceOf(record.JobFullName);
        Directory.CreateDirectory(workspace);
        await console.WriteLineAsync("Building in workspace " + workspace);
        var environment = EnvironmentOf(build, job, workspace);
        if (!sandbox.TryLaunch(workspace, environment, out var launch, out var refusal))
        {
            await console.WriteLineAsync(refusal);
            return (BuildResult.Failure, []);
        }

        foreach (var command in job.Config.ShellCommands)
        {
            if (build.IsAborted)
            {
                return (BuildResult.Aborted, []);
            }

            var exit = await ShellStep.RunAsync(command, workspace, job.Name, environment, launch, console, StopGracePeriod, build.Aborted);
            await console.FlushAsync();
            if (build.IsAborted)
            {
                return (BuildResult.Aborted, []);
            }

            if (exit != 0)
            {
                await console.WriteLineAsync("Build step 'Execute shell' marked build as failure");
                return (BuildResult.Failure, (await ArchiveAsync(record, job, BuildResult.Failure, console)).Archived);
            }
        }

        var (archived, missing) = await ArchiveAsync(record, job, BuildResult.Success, console);
        if (missing is not null)
        {
            await console.WriteLineAsync(missing);
            return (BuildResult.Failure, archived);
        }

        return (BuildResult.Success, archived);
    }

    private async Task<(IReadOnlyList<string> Archived, string? Problem)> ArchiveAsync(BuildRecord record, JobItem job, BuildResult soFar, ConsoleLog console)
    {
        if (job.Config.Archiver is not { } archiver || (archiver.OnlyIfSuccessful && soFar != BuildResult.Success))
        {
            return ([], null);
        }

        await console.WriteLineAsync("Archiving artifacts");
        var archived = files.Archive(record.JobFullName, record.Number, archiver.Artifacts, archiver.Excludes);
        return archived.Count == 0 && !archiver.AllowEmptyArchive
            ? (archived, $"ERROR: No artifacts found that match the file pattern \"{archiver.Artifacts}\". Configuration error?")
            : (archived, null);
    }

    private Dictionary<string, string> EnvironmentOf(StartedBuild build, JobItem job, string workspace)
    {
        var record = build.Record;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        var root = RootUrl();
        var number = record.Number.ToString(CultureInfo.InvariantCulture);
        environment["CI"] = "true";
        environment["BUILD_NUMBER"] = number;
        environment["BUILD_ID"] = number;
        environment["BUILD_DISPLAY_NAME"] = "#" + number;
        environment["BUILD_URL"] = JobRoute.BuildUrlOf(root, job.FullName, record.Number);
        environment["BUILD_TAG"] = $"jenkins-{job.FullName.Replace('/', '-')}-{number}";
        environment["JOB_NAME"] = job.FullName;
        environment["JOB_BASE_NAME"] = job.Name;
        environment["JOB_URL"] = JobRoutes.UrlOf(root, job.FullName);
        environment["JENKINS_URL"] = root;
        environment["HUDSON_URL"] = root;
        environment["WORKSPACE"] = workspace;
        environment["WORKSPACE_TMP"] = workspace + "@tmp";
        environment["NODE_NAME"] = "built-in";
        environment["NODE_LABELS"] = "built-in";
        environment["EXECUTOR_NUMBER"] = build.ExecutorNumber.ToString(CultureInfo.InvariantCulture);
        environment["JENKINS_HOME"] = Path.TrimEndingDirectorySeparator(files.Home.Root);
        environment["HUDSON_HOME"] = environment["JENKINS_HOME"];
        foreach (var parameter in build.Item.Parameters)
        {
            environment[parameter.Name] = parameter.Value;
        }

        return environment;
    }

    // decisions.md #13: with no configured root URL, the address the server listens on.
    private string RootUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:8080";
        return address.EndsWith('/') ? address : address + "/";
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "Build {Job} #{Number} could not run")]
    private static partial void LogBuildFault(ILogger logger, string job, int number, Exception e);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "Build {Job} #{Number} failed: its console log could not be written")]
    private static partial void LogConsoleFault(ILogger logger, string job, int number, Exception e);
}
