using JenkinsLite.Core.Builds;
using JenkinsLite.Persistence.Builds;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>What the build commands share: the builds services, and Jenkins' names for results and builds.</summary>
internal static class BuildCommandSupport
{
    /// <summary>How often a waiting command looks at the queue and the log.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

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
