namespace JenkinsLite.Server.Cli;

/// <summary>One option of a command, args4j style: a flag, or a name followed by one value.</summary>
/// <param name="Names">The spellings accepted, first one shown in the usage.</param>
/// <param name="Meta">The value's placeholder in the usage (null for a flag).</param>
internal sealed record CliOption(IReadOnlyList<string> Names, string? Meta, string Description)
{
    public bool TakesValue => Meta is not null;

    public string Name => Names[0];

    public static CliOption Flag(string name, string description) => new([name], null, description);

    public static CliOption Value(string name, string meta, string description) => new([name], meta, description);

    public static CliOption Value(string[] names, string meta, string description) => new(names, meta, description);
}
