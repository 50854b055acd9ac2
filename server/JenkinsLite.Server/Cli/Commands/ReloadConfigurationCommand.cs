using JenkinsLite.Core;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>reload-configuration</c>: re-reads the home's configuration and users (Overall/Administer).</summary>
internal sealed class ReloadConfigurationCommand : ICliCommand
{
    public string Name => "reload-configuration";

    public string Summary => "Discard all the loaded data in memory and reload everything from file system. Useful when you modified config files directly on disk.";

    public CliSyntax Syntax => CliSyntax.None;

    public Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        context.Require(Permission.Administer);
        try
        {
            context.Instance.Reload();
        }
        catch (HomeDataException e)
        {
            throw new CliException($"The configuration could not be reloaded; nothing was changed: {e.Message}");
        }

        return Task.FromResult(CliExit.Ok);
    }
}
