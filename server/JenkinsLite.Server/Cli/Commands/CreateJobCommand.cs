using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>create-job NAME</c> with config.xml on stdin (Job/Create); NAME may be <c>folder/name</c>.</summary>
internal sealed class CreateJobCommand : ICliCommand
{
    public string Name => "create-job";

    public string Summary => "Creates a new job by reading stdin as a configuration XML file.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["NAME"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var fullName = arguments.At(0)!;
        var (parent, name) = JobCommandSupport.Split(fullName);
        if (jobs.Find(fullName) is not null)
        {
            throw CliException.IllegalState($"Job '{fullName}' already exists");
        }

        if (parent.Length > 0 && jobs.Find(parent) is null)
        {
            throw CliException.IllegalArgument($"Can't find the parent folder: {parent}");
        }

        JobCommandSupport.RequireCreate(context, parent, fullName);
        var xml = await context.ReadStdinAsync(JobCommandSupport.MaxConfigBytes, cancellationToken);
        var result = jobs.Create(parent, name, xml);
        return result.Succeeded ? CliExit.Ok : throw JobCommandSupport.Problem(result, fullName);
    }
}
