using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>version</c>: the version we report as Jenkins (decisions.md #8).</summary>
internal sealed class VersionCommand : ICliCommand
{
    public string Name => "version";

    public string Summary => "Outputs the current version.";

    public CliSyntax Syntax => CliSyntax.None;

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        await context.Out.WriteLineAsync(ServerOptions.JenkinsVersion, cancellationToken);
        return CliExit.Ok;
    }
}
