namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>keep-build NAME BUILD#</c> (Run/Update): the build is kept forever, whatever the job's build
/// discarder says. Jenkins declares it as a CLI method on Run: its resolvers find the job and the build, and
/// make an unknown job, a word that is not a number and an unknown build bad command lines (exit 2).
/// </summary>
internal sealed class KeepBuildCommand : ICliCommand
{
    public string Name => "keep-build";

    public string Summary => "Mark the build to keep the build forever.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["NAME", "BUILD#"], 2);

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var name = arguments.At(0)!;
        var job = JobCommandSupport.RefuseFolder(JobCommandSupport.Resolve(context, JobCommandSupport.Registry(context), name), name);

        // Job.getBuildForCLI's own words, the missing space included.
        var word = arguments.At(1)!;
        var number = BuildCommandSupport.ParseNumber(word) ?? throw CliException.BadArguments($"{word}is not a number");
        CliException NoSuchBuild() => CliException.BadArguments($"No such build '#{number}' exists");
        BuildCommandSupport.RequireUpdatable(context, job, number, NoSuchBuild);
        BuildCommandSupport.Update(context, job, number, NoSuchBuild, build => build with { KeepLog = true });
        return Task.FromResult(CliExit.Ok);
    }
}
