using JenkinsLite.Core.Nodes;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Jenkins' node commands, for the one node JenkinsLite has. The computer commands (offline-node,
/// online-node, connect-node, disconnect-node) resolve "", "(built-in)" and "(master)" to the built-in node,
/// as Jenkins' getComputer does. The agent commands (get-node, update-node, delete-node, wait-node-online,
/// wait-node-offline) look names up among agents only, where Jenkins never finds the built-in node, so on
/// JenkinsLite every name is "No such node". Several names: a line per failure, then exit 5.
/// </summary>
internal sealed class NodeCommand(string name, string summary, CliSyntax syntax, Action<CliContext, CliArguments>? act) : ICliCommand
{
    private static readonly CliOption Reason = CliOption.Value("-m", "VAL", "Record the reason about why you are disconnecting this node");

    public string Name => name;

    public string Summary => summary;

    public CliSyntax Syntax => syntax;

    public static IEnumerable<ICliCommand> All()
    {
        string[] computers = ["NAME"];
        yield return new NodeCommand("offline-node",
            "Stop using a node for performing builds temporarily, until the next \"online-node\" command.",
            CliSyntax.Repeating(computers, 1, Reason), (context, arguments) =>
            {
                context.Require(Permission.ComputerDisconnect);
                var clock = context.Services.GetRequiredService<Hosting.ServerOptions>().Clock;
                Node(context).TakeOffline(new NodeOfflineCause(context.Caller.User?.Id, arguments.Value("-m"), clock.GetUtcNow(), FromCli: true));
            });
        yield return new NodeCommand("online-node",
            "Resume using a node for performing builds, to cancel out the earlier \"offline-node\" command.",
            CliSyntax.Repeating(computers, 1), (context, _) =>
            {
                context.Require(Permission.ComputerConnect);
                Node(context).BringOnline();
            });

        // The built-in node has no agent connection: connecting or disconnecting it changes nothing, in Jenkins too.
        yield return new NodeCommand("connect-node", "Reconnect to a node(s)",
            CliSyntax.Repeating(computers, 1, CliOption.Flag("-f", "Cancel any currently pending connect operation and retry from scratch")),
            (context, _) => context.Require(Permission.ComputerConnect));
        yield return new NodeCommand("disconnect-node", "Disconnects from a node.",
            CliSyntax.Repeating(computers, 1, Reason), (context, _) => context.Require(Permission.ComputerDisconnect));

        yield return new NodeCommand("get-node", "Dumps the node definition XML to stdout.", CliSyntax.Of(["NODE"], 1), null);
        yield return new NodeCommand("update-node", "Updates the node definition XML from stdin. The opposite of the get-node command.",
            CliSyntax.Of(["NODE"], 1), null);
        yield return new NodeCommand("delete-node", "Deletes node(s)", CliSyntax.Repeating(["NAME"], 1), null);
        yield return new NodeCommand("wait-node-online", "Wait for a node to become online.", CliSyntax.Of(["NODE"], 1), null);
        yield return new NodeCommand("wait-node-offline", "Wait for a node to become offline.", CliSyntax.Of(["NODE"], 1), null);
    }

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var names = arguments.Positionals.Distinct(StringComparer.Ordinal).ToList();
        var ok = await EachName.TryAllAsync(context, names, nodeName =>
        {
            if (act is null)
            {
                throw CliException.IllegalArgument($"No such node '{nodeName}'");
            }

            if (!BuiltInNode.IsNamed(nodeName))
            {
                throw CliException.IllegalArgument($"No such agent \"{nodeName}\" exists.");
            }

            act(context, arguments);
        }, cancellationToken);
        return EachName.Finish(ok);
    }

    private static BuiltInNode Node(CliContext context) => context.Services.GetRequiredService<BuiltInNode>();
}
