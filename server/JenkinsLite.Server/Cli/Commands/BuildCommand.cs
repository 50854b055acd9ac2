using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>build JOB [-s] [-f] [-w] [-v] [-c] [-p KEY=VALUE]...</c>: queues a build (no quiet period, as
/// the CLI does); with -w/-s/-f prints <c>Started JOB #N</c>; with -s/-f waits for the end (with -v
/// streaming the log), prints <c>Completed JOB #N : RESULT</c> and exits with the result's ordinal.
/// Closing the session aborts a build waited for with -s (not with -f).
/// </summary>
internal sealed class BuildCommand : ICliCommand
{
    /// <summary>Jenkins: -f interrupted.</summary>
    private const int Interrupted = 125;

    public string Name => "build";

    public string Summary => "Builds a job, and optionally waits until its completion.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["JOB"], 1,
        CliOption.Flag("-s", "Wait until the completion/abortion of the command. Interrupts are passed through to the build."),
        CliOption.Flag("-f", "Follow the build progress. Like -s only interrupts are not passed through to the build."),
        CliOption.Flag("-w", "Wait until the start of the command"),
        CliOption.Flag("-v", "Prints out the console output of the build. Use with -s"),
        CliOption.Flag("-c", "Check for SCM changes before starting the build, and if there's no change, exit without doing a build"),
        CliOption.Value("-p", "KEY=VALUE", "Specify the build parameters in the key=value format."),
        CliOption.Value("-r", "N", "Number of times to retry reading of the output log if it does not exists on first attempt. Defaults to 10."));

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var job = JobCommandSupport.RefuseFolder(JobCommandSupport.Find(context, jobs, arguments.At(0)!), arguments.At(0)!);

        context.Require(Permission.ItemBuild, job.FullName);
        var parameters = Parameters(job, arguments.Values("-p"));
        if (job.Config.Disabled || job.HeldAfterCopy)
        {
            throw CliException.IllegalState($"Cannot build {job.FullName} because it is disabled");
        }

        if (arguments.Has("-c"))
        {
            return CliExit.Ok; // JenkinsLite jobs have no SCM to poll, so there are never changes
        }

        var queue = BuildCommandSupport.Queue(context);
        var who = context.Caller.Name;
        var cause = new BuildCause("hudson.cli.BuildCommand$CLICause", $"Started from command line by {who}", context.Caller.User?.Id, context.Caller.User?.FullName);
        var item = queue.Schedule(job.FullName, TimeSpan.Zero, [cause], parameters);
        var sync = arguments.Has("-s");
        var follow = arguments.Has("-f");
        if (!sync && !follow && !arguments.Has("-w"))
        {
            return CliExit.Ok;
        }

        int number;
        try
        {
            number = await WaitForStartAsync(queue, item.Id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && sync)
        {
            queue.Cancel(item.Id, "The CLI session that waited for it ended");
            throw;
        }

        var records = BuildCommandSupport.Records(context);
        var started = records.Find(job.FullName, number) ?? throw CliException.IllegalState($"{job.FullName} #{number} was deleted as it started");
        await context.Out.WriteLineAsync($"Started {started.FullDisplayName}", cancellationToken);
        if (!sync && !follow)
        {
            return CliExit.Ok;
        }

        try
        {
            if (arguments.Has("-v"))
            {
                await BuildCommandSupport.CopyLogAsync(context, job.FullName, number, 0, follow: true, cancellationToken);
            }

            var done = records.Find(job.FullName, number);
            while (done is not { Building: false, Result: not null })
            {
                await Task.Delay(BuildCommandSupport.Poll, cancellationToken);
                done = records.Find(job.FullName, number);
            }

            // The name as it is now: it may have been set while the build ran, as Jenkins prints it.
            var result = done.Result.Value;
            await context.Out.WriteLineAsync($"Completed {done.FullDisplayName} : {BuildCommandSupport.Name(result)}", cancellationToken);
            return (int)result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (sync)
            {
                queue.Stop(job.FullName, number); // -s passes the interrupt on to the build
                throw;
            }

            return Interrupted;
        }
    }

    private static async Task<int> WaitForStartAsync(BuildQueue queue, long id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var view = queue.Find(id) ?? throw CliException.IllegalState("The queue item disappeared before it started");
            if (view.Item.BuildNumber is { } number)
            {
                return number;
            }

            if (view.Item.Cancelled)
            {
                throw new CliException(CliExit.IllegalState, $"The build was cancelled while it waited in the queue: {view.Item.CancelReason}");
            }

            await Task.Delay(BuildCommandSupport.Poll, cancellationToken);
        }
    }

    /// <summary>-p KEY=VALUE: split at the first '='; unknown names and missing values are bad command lines (exit 2).</summary>
    private static IReadOnlyList<ParameterValue> Parameters(JobItem job, IReadOnlyList<string> given)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in given)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CliException.BadArguments($"Expected KEY=VALUE format, but got {pair}");
            }

            values[pair[..equals]] = pair[(equals + 1)..];
        }

        if (values.Count > 0 && !job.Config.IsParameterized)
        {
            throw CliException.IllegalState($"{job.FullName} is not parameterized but the -p option was specified.");
        }

        foreach (var name in values.Keys)
        {
            if (!job.Config.Parameters.Any(d => d.Name == name))
            {
                var known = string.Join(", ", job.Config.Parameters.Select(d => d.Name));
                throw CliException.BadArguments($"'{name}' is not a valid parameter. Did you mean one of: {known}?");
            }
        }

        var resolution = BuildParameters.Resolve(job.Config.Parameters, name => values.GetValueOrDefault(name));
        return resolution.IsValid ? resolution.Values : throw CliException.BadArguments(resolution.Problem!);
    }
}
