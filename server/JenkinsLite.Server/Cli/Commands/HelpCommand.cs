using System.Text;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>help [COMMAND]</c>: the list or one command's usage, on stderr as Jenkins does.</summary>
internal sealed class HelpCommand(IServiceProvider services) : ICliCommand
{
    public string Name => "help";

    public string Summary => "Lists all the available commands or a detailed description of single command.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["COMMAND"], 0);

    public bool RequiresOverallRead => false;

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        if (!context.Has(Permission.OverallRead))
        {
            throw CliException.AccessDenied("You must authenticate to access this Jenkins.\n"
                + "Use -auth USER:API_TOKEN (or JENKINS_USER_ID and JENKINS_API_TOKEN) to give your credentials.");
        }

        var commands = services.GetRequiredService<CliCommands>();
        if (arguments.At(0) is { } name)
        {
            if (commands.Find(name) is { } command)
            {
                await context.Err.WriteAsync(CliCommands.Usage(command), cancellationToken);
                return CliExit.Ok;
            }

            await context.Err.WriteAsync(List(commands), cancellationToken);
            throw CliException.Aborted($"No such command {name}. Available commands are above. ");
        }

        await context.Err.WriteAsync(List(commands), cancellationToken);
        return CliExit.Ok;
    }

    private static string List(CliCommands commands)
    {
        var text = new StringBuilder();
        foreach (var command in commands.All)
        {
            text.Append("  ").Append(command.Name).Append('\n');
            text.Append("    ").Append(command.Summary).Append('\n');
        }

        return text.ToString();
    }
}
