namespace JenkinsLite.Server.Cli;

/// <summary>Every command the server knows, by name.</summary>
internal sealed class CliCommands(IEnumerable<ICliCommand> commands)
{
    private readonly Dictionary<string, ICliCommand> _byName = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>Sorted by name, as <c>help</c> lists them.</summary>
    public IEnumerable<ICliCommand> All => _byName.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    public ICliCommand? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The usage Jenkins prints after a bad command line.</summary>
    public static string Usage(ICliCommand command)
    {
        var text = new System.Text.StringBuilder();
        text.Append("java -jar jenkins-cli.jar ").Append(command.Name);
        if (command.Syntax.Line.Length > 0)
        {
            text.Append(' ').Append(command.Syntax.Line);
        }

        text.Append('\n').Append(command.Summary).Append('\n');
        foreach (var option in command.Syntax.Options)
        {
            var left = option.TakesValue ? $" {string.Join(", ", option.Names)} {option.Meta}" : $" {string.Join(", ", option.Names)}";
            text.Append(left.PadRight(24)).Append(": ").Append(option.Description).Append('\n');
        }

        return text.ToString();
    }
}
