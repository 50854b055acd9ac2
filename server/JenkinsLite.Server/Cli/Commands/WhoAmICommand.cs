namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>who-am-i</c> (hudson.cli.WhoAmICommand): no Overall/Read needed.</summary>
internal sealed class WhoAmICommand : ICliCommand
{
    public string Name => "who-am-i";

    public string Summary => "Reports your credential and permissions.";

    public CliSyntax Syntax => CliSyntax.None;

    public bool RequiresOverallRead => false;

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var text = $"Authenticated as: {context.Caller.Name}\nAuthorities:\n";
        await context.Out.WriteAsync(text, cancellationToken);
        foreach (var authority in context.Caller.Caller.Authorities)
        {
            await context.Out.WriteLineAsync($"  {authority}", cancellationToken);
        }

        return CliExit.Ok;
    }
}
