namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>session-id</c>: an id that changes each time the server starts.</summary>
internal sealed class SessionIdCommand : ICliCommand
{
    private readonly string _id = Guid.NewGuid().ToString("N");

    public string Name => "session-id";

    public string Summary => "Outputs the session ID, which changes every time Jenkins restarts.";

    public CliSyntax Syntax => CliSyntax.None;

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        await context.Out.WriteLineAsync(_id, cancellationToken);
        return CliExit.Ok;
    }
}
