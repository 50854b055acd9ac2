using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>copy-job SRC DST</c> (Job/Create): the copy has no builds and is held until saved once, as in Jenkins.</summary>
internal sealed class CopyJobCommand : ICliCommand
{
    public string Name => "copy-job";

    public string Summary => "Copies a job.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["SRC", "DST"], 2);

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var source = JobCommandSupport.Find(context, jobs, arguments.At(0)!);
        var destination = arguments.At(1)!;
        if (jobs.Find(destination) is not null)
        {
            throw CliException.IllegalState($"Job '{destination}' already exists");
        }

        var (parent, name) = JobCommandSupport.Split(destination);
        if (parent.Length > 0 && jobs.Find(parent) is null)
        {
            throw CliException.IllegalArgument($"Can't find the parent folder: {parent}");
        }

        JobCommandSupport.RequireCreate(context, parent, destination);
        var result = jobs.Copy(parent, name, "/" + source.FullName);
        return result.Succeeded ? Task.FromResult(CliExit.Ok) : throw JobCommandSupport.Problem(result, destination);
    }
}
