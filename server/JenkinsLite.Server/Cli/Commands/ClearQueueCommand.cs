using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>clear-queue</c> (Overall/Administer): cancels every waiting queue item.</summary>
internal sealed class ClearQueueCommand : ICliCommand
{
    public string Name => "clear-queue";

    public string Summary => "Clears the build queue.";

    public CliSyntax Syntax => CliSyntax.None;

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        var queue = BuildCommandSupport.Queue(context);
        foreach (var waiting in queue.Pending())
        {
            queue.Cancel(waiting.Item.Id, $"Cleared from the command line by {context.Caller.Name}");
        }

        return Task.FromResult(CliExit.Ok);
    }
}
