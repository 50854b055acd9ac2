using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Secrets;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>get-job JOB</c>: the stored config.xml, byte for byte (Job/ExtendedRead, implied by Job/Configure);
/// without Job/Configure its encrypted secrets redacted, as Jenkins does.
/// </summary>
internal sealed class GetJobCommand : ICliCommand
{
    public string Name => "get-job";

    public string Summary => "Dumps the job definition XML to stdout.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["JOB"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var item = JobCommandSupport.Find(context, jobs, arguments.At(0)!);
        context.Require(Permission.ItemExtendedRead, item.FullName);
        var xml = jobs.ReadConfig(item) ?? throw CliException.IllegalArgument($"No such job '{arguments.At(0)}'");
        if (!context.Has(Permission.ItemConfigure, item.FullName))
        {
            xml = SecretRedaction.Redact(xml, context.Instance.Secrets);
        }

        await context.Out.WriteAsync(xml, cancellationToken);
        return CliExit.Ok;
    }
}
