using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>list-plugins [NAME]</c> (Overall/Administer): JenkinsLite has no plugins, so the list is empty and a name is unknown.</summary>
internal sealed class ListPluginsCommand : ICliCommand
{
    public string Name => "list-plugins";

    public string Summary => "Outputs a list of installed plugins.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["NAME"], 0);

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        return arguments.At(0) is { } name
            ? throw CliException.IllegalArgument($"No plugin with the name '{name}' found")
            : Task.FromResult(CliExit.Ok);
    }
}
