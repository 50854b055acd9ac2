using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Commands Jenkins has that JenkinsLite refuses on purpose (script consoles, agents): they exist so that a
/// script gets a clear sentence and exit 5 instead of "No such command". A caller without the permission
/// Jenkins' command checks first hears that instead (exit 6), so the refusal tells a reader nothing more.
/// </summary>
internal sealed class RefusedCommand(string name, string summary, Permission needs, string reason) : ICliCommand
{
    public string Name => name;

    public string Summary => summary;

    public CliSyntax Syntax { get; } = CliSyntax.Repeating(["ARGUMENTS"], 0);

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(needs);
        throw CliException.Aborted(reason);
    }

    public static RefusedCommand Groovy() => new("groovy", "Executes the specified Groovy script (not available in JenkinsLite).", Permission.Administer,
        "JenkinsLite has no Groovy script console: the groovy command is not available. Use the REST API or another CLI command.");

    public static RefusedCommand GroovySh() => new("groovysh", "Runs an interactive groovy shell (not available in JenkinsLite).", Permission.Administer,
        "JenkinsLite has no Groovy script console: the groovysh command is not available. Use the REST API or another CLI command.");

    public static RefusedCommand CreateNode() => new("create-node", "Creates a new node by reading stdin as a XML configuration (not available in JenkinsLite).", Permission.ComputerCreate,
        "JenkinsLite runs every build on its built-in node and has no agents: the create-node command is not available.");
}
