using System.Globalization;
using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>console JOB [BUILD] [-f] [-n N]</c>: a build's console log (default: lastBuild), optionally followed.</summary>
internal sealed class ConsoleCommand : ICliCommand
{
    public string Name => "console";

    public string Summary => "Produces the console output of a specific build to stdout, as if you are doing 'cat build.log'";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["JOB", "BUILD"], 1,
        CliOption.Flag("-f", "If the build is in progress, stay around and append console output as it comes, like 'tail -f'"),
        CliOption.Value("-n", "N", "Display the last N lines"));

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var job = JobCommandSupport.Find(context, jobs, arguments.At(0)!);
        var records = BuildCommandSupport.Records(context);
        var id = arguments.At(1) ?? "lastBuild";
        BuildRecord build;
        if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            build = records.Find(job.FullName, number) ?? throw CliException.IllegalArgument($"No such build #{number}");
        }
        else if (BuildRecords.IsPermalink(id))
        {
            build = records.Permalink(job.FullName, id) ?? throw CliException.IllegalState($"Permalink {id} produced no build");
        }
        else
        {
            throw CliException.IllegalArgument($"Not sure what you meant by \"{id}\". Did you mean \"lastBuild\"?");
        }

        var start = 0L;
        if (arguments.Value("-n") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var lines))
            {
                throw CliException.BadArguments($"\"{text}\" is not a valid value for \"-n\"");
            }

            start = StartOfLastLines(BuildCommandSupport.Files(context).ReadLog(job.FullName, build.Number, 0)?.Bytes ?? [], lines);
        }

        await BuildCommandSupport.CopyLogAsync(context, job.FullName, build.Number, start, arguments.Has("-f"), cancellationToken);
        return CliExit.Ok;
    }

    private static long StartOfLastLines(byte[] log, int lines)
    {
        var end = log.Length > 0 && log[^1] == (byte)'\n' ? log.Length - 1 : log.Length;
        for (var i = end - 1; i >= 0; i--)
        {
            if (log[i] == (byte)'\n' && --lines == 0)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
