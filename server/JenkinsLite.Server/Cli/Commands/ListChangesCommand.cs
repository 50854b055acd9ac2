namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>list-changes JOB RANGE [-format XML|CSV|PLAIN]</c> (Job/Read): the change log of each build in the
/// range. JenkinsLite has no SCM, so every build's change set is empty, as a Jenkins job without SCM has:
/// PLAIN and CSV print nothing, XML prints Jenkins' frame with one empty element per build.
/// </summary>
internal sealed class ListChangesCommand : ICliCommand
{
    private static readonly string[] Formats = ["XML", "CSV", "PLAIN"];

    public string Name => "list-changes";

    public string Summary => "Dumps the changelog for the specified build(s).";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["JOB", "RANGE"], 2,
        CliOption.Value("-format", "[XML | CSV | PLAIN]", "Controls how the output from this command is printed."));

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        // args4j matches an enum option without case.
        var format = arguments.Value("-format") is { } given
            ? Formats.FirstOrDefault(f => string.Equals(f, given, StringComparison.OrdinalIgnoreCase))
              ?? throw CliException.BadArguments($"\"{given}\" is not a valid value for \"-format\"")
            : "PLAIN";
        var name = arguments.At(0)!;
        var job = JobCommandSupport.RefuseFolder(JobCommandSupport.Find(context, JobCommandSupport.Registry(context), name), name);
        var range = BuildRange.Parse(arguments.At(1)!);
        if (format != "XML")
        {
            return CliExit.Ok;
        }

        await context.Out.WriteLineAsync("<changes>", cancellationToken);
        foreach (var build in range.Of(BuildCommandSupport.Records(context).Of(job.FullName)))
        {
            await context.Out.WriteLineAsync($"<build number='{build.Number}'>", cancellationToken);
            await context.Out.WriteLineAsync("</build>", cancellationToken);
        }

        await context.Out.WriteLineAsync("</changes>", cancellationToken);
        return CliExit.Ok;
    }
}
