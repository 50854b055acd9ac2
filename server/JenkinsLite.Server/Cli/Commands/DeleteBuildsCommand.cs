using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>delete-builds JOB RANGE</c> (<c>N</c>, <c>N-M</c>, <c>N,M</c>, mixed) with Run/Delete; prints "Deleted N builds".</summary>
internal sealed class DeleteBuildsCommand : ICliCommand
{
    private const int MaxRangeSize = 100_000;

    public string Name => "delete-builds";

    public string Summary => "Deletes build record(s).";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["JOB", "RANGE"], 2);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var job = JobCommandSupport.Find(context, jobs, arguments.At(0)!);
        context.Require(Permission.RunDelete);
        var records = BuildCommandSupport.Records(context);
        var deleted = 0;
        foreach (var number in Range(arguments.At(1)!))
        {
            if (records.Delete(job.FullName, number) == DeleteBuildOutcome.Deleted)
            {
                deleted++;
            }
        }

        await context.Out.WriteLineAsync($"Deleted {deleted} builds", cancellationToken);
        return CliExit.Ok;
    }

    private static SortedSet<int> Range(string text)
    {
        var numbers = new SortedSet<int>();
        foreach (var part in text.Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw CliException.IllegalArgument($"Unable to parse '{text}' as a range of build numbers, such as 1-3,7");
            }

            var low = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var high = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (high < low || high - low > MaxRangeSize)
            {
                throw CliException.IllegalArgument($"Unable to parse '{text}' as a range of build numbers, such as 1-3,7");
            }

            for (var n = low; n <= high; n++)
            {
                numbers.Add(n);
            }
        }

        return numbers;
    }
}
