using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>delete-job NAME...</c> (Job/Delete). One name: its own error and exit code; several:
/// a line per failed name on stderr, then exit 5, as Jenkins' multi-name commands do.
/// </summary>
internal sealed class DeleteJobCommand : ICliCommand
{
    public string Name => "delete-job";

    public string Summary => "Deletes job(s).";

    public CliSyntax Syntax { get; } = CliSyntax.Repeating(["NAME"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var jobs = JobCommandSupport.Registry(context);
        var names = arguments.Positionals.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ok = await EachName.TryAllAsync(context, names, name =>
        {
            var item = JobCommandSupport.Find(context, jobs, name);
            context.Require(Permission.ItemDelete, item.FullName);
            var result = jobs.Delete(item.FullName);
            if (!result.Succeeded)
            {
                throw JobCommandSupport.Problem(result, name);
            }
        }, cancellationToken);
        return EachName.Finish(ok);
    }
}
