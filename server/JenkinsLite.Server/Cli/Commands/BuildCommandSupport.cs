using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Builds;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>What the build commands share: the builds services, and Jenkins' names for results and builds.</summary>
internal static class BuildCommandSupport
{
    /// <summary>How often a waiting command looks at the queue and the log.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>The most bytes of a description or display name read from stdin: what an HTTP form value may carry.</summary>
    public const int MaxTextBytes = 4 * 1024 * 1024;

    public static BuildQueue Queue(CliContext context) =>
        context.Services.GetService<BuildQueue>() ?? throw new CliException("Builds are not available on this server.");

    public static BuildRecords Records(CliContext context) =>
        context.Services.GetService<BuildRecords>() ?? throw new CliException("Builds are not available on this server.");

    public static BuildFiles Files(CliContext context) =>
        context.Services.GetService<BuildFiles>() ?? new BuildFiles(context.Instance.Home);

    /// <summary>hudson.model.Result's names: SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED.</summary>
    public static string Name(BuildResult result) => result switch
    {
        BuildResult.Success => "SUCCESS",
        BuildResult.Unstable => "UNSTABLE",
        BuildResult.Failure => "FAILURE",
        BuildResult.NotBuilt => "NOT_BUILT",
        _ => "ABORTED",
    };

    /// <summary>A build number as Java's Integer.parseInt reads it (an optional sign, then digits); null when it is not one.</summary>
    public static int? ParseNumber(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The build must exist (else <paramref name="noSuchBuild"/>), then Run.checkPermission(UPDATE): exit 6 without Run/Update.</summary>
    public static void RequireUpdatable(CliContext context, JobItem job, int number, Func<CliException> noSuchBuild)
    {
        if (Records(context).Find(job.FullName, number) is null)
        {
            throw noSuchBuild();
        }

        context.Require(Permission.RunUpdate, job.FullName);
    }

    /// <summary>Saves a change of the build's metadata; <paramref name="noSuchBuild"/> when it was deleted meanwhile.</summary>
    public static void Update(CliContext context, JobItem job, int number, Func<CliException> noSuchBuild, Func<BuildRecord, BuildRecord> change)
    {
        if (Records(context).Update(job.FullName, number, change) is null)
        {
            throw noSuchBuild();
        }
    }

    /// <summary>
    /// Copies the build's log to stdout from <paramref name="start"/> until the build has finished (when
    /// <paramref name="follow"/>) or the current end; returns where it stopped.
    /// </summary>
    public static async Task<long> CopyLogAsync(CliContext context, string job, int number, long start, bool follow, CancellationToken cancellationToken)
    {
        var files = Files(context);
        var records = Records(context);
        var position = start;
        while (true)
        {
            var finished = records.Find(job, number) is not { Building: true };
            if (files.ReadLog(job, number, position) is { } chunk && chunk.Bytes.Length > 0)
            {
                await context.Out.WriteAsync(chunk.Bytes, cancellationToken);
                position = chunk.End;
            }

            if (!follow || finished)
            {
                return position;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}
