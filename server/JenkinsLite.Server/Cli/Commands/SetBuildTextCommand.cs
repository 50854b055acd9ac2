using System.Text;
using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>set-build-description JOB BUILD# DESCRIPTION</c> ('=' reads stdin) and <c>set-build-display-name
/// JOB BUILD# DISPLAYNAME</c> ('-' reads stdin), with Run/Update. Jenkins' two commands differ only in their
/// words and the field they set, so one class serves both.
/// </summary>
internal sealed class SetBuildTextCommand : ICliCommand
{
    private readonly string _fromStdin;
    private readonly Func<int, string> _noSuchBuild;
    private readonly Func<BuildRecord, string, BuildRecord> _set;

    private SetBuildTextCommand(string name, string summary, string text, string fromStdin, Func<int, string> noSuchBuild,
        Func<BuildRecord, string, BuildRecord> set)
    {
        Name = name;
        Summary = summary;
        Syntax = CliSyntax.Of(["JOB", "BUILD#", text], 3);
        _fromStdin = fromStdin;
        _noSuchBuild = noSuchBuild;
        _set = set;
    }

    public string Name { get; }

    public string Summary { get; }

    public CliSyntax Syntax { get; }

    public static SetBuildTextCommand Description() => new("set-build-description", "Sets the description of a build.", "DESCRIPTION", "=",
        number => $"No such build #{number}", (build, text) => build with { Description = text });

    public static SetBuildTextCommand DisplayName() => new("set-build-display-name", "Sets the displayName of a build.", "DISPLAYNAME", "-",
        number => $"Build #{number} does not exist", (build, text) => build with { DisplayName = text });

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var name = arguments.At(0)!;
        var job = JobCommandSupport.RefuseFolder(JobCommandSupport.Find(context, JobCommandSupport.Registry(context), name), name);

        // args4j's int handler names the word before the bad value, which here is the job.
        var word = arguments.At(1)!;
        var number = BuildCommandSupport.ParseNumber(word) ?? throw CliException.BadArguments($"\"{word}\" is not a valid value for \"{name}\"");
        CliException NoSuchBuild() => CliException.IllegalArgument(_noSuchBuild(number));
        BuildCommandSupport.RequireUpdatable(context, job, number, NoSuchBuild);

        var text = arguments.At(2)!;
        if (text == _fromStdin)
        {
            text = Encoding.UTF8.GetString(await context.ReadStdinAsync(BuildCommandSupport.MaxTextBytes, cancellationToken));
        }

        BuildCommandSupport.Update(context, job, number, NoSuchBuild, build => _set(build, text));
        return CliExit.Ok;
    }
}
