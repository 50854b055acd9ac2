namespace JenkinsLite.Server.Cli;

/// <summary>A parsed command line: positionals in order, and every value of every option given.</summary>
internal sealed class CliArguments(IReadOnlyList<string> positionals, IReadOnlyDictionary<string, List<string>> options)
{
    public IReadOnlyList<string> Positionals => positionals;

    public string? At(int index) => index < positionals.Count ? positionals[index] : null;

    public bool Has(string option) => options.ContainsKey(option);

    /// <summary>The last value given (args4j keeps the last one of a single-valued option).</summary>
    public string? Value(string option) => options.TryGetValue(option, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string option) => options.TryGetValue(option, out var list) ? list : [];
}
