namespace JenkinsLite.Server.Cli;

/// <summary>
/// A command's arguments: named positionals (the last may repeat, "NAME...") and options. Parsing follows
/// the jar's server side (args4j): options before or after positionals, a value option takes the next
/// word, repeated options keep every value. Words are never expanded (no <c>@file</c>, security.md SEC-43).
/// </summary>
internal sealed record CliSyntax(IReadOnlyList<string> Positionals, int Required, bool LastRepeats, IReadOnlyList<CliOption> Options)
{
    public static CliSyntax None { get; } = new([], 0, false, []);

    public static CliSyntax Of(string[] positionals, int required, params CliOption[] options) =>
        new(positionals, required, false, options);

    public static CliSyntax Repeating(string[] positionals, int required, params CliOption[] options) =>
        new(positionals, required, true, options);

    /// <summary>The usage line after the command name, e.g. <c>JOB [BUILD] [-f] [-n N]</c>.</summary>
    public string Line
    {
        get
        {
            var parts = new List<string>();
            for (var i = 0; i < Positionals.Count; i++)
            {
                var name = Positionals[i] + (LastRepeats && i == Positionals.Count - 1 ? " ..." : string.Empty);
                parts.Add(i < Required ? name : $"[{name}]");
            }

            parts.AddRange(Options.Select(o => o.TakesValue ? $"[{o.Name} {o.Meta}]" : $"[{o.Name}]"));
            return string.Join(' ', parts);
        }
    }

    public CliArguments Parse(IReadOnlyList<string> words)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var option = word.Length > 1 && word[0] == '-' ? Options.FirstOrDefault(o => o.Names.Contains(word)) : null;
            if (option is null)
            {
                if (word.Length > 1 && word[0] == '-' && !IsNumber(word))
                {
                    throw CliException.BadArguments($"\"{word}\" is not a valid option");
                }

                positionals.Add(word);
                continue;
            }

            if (!values.TryGetValue(option.Name, out var list))
            {
                values[option.Name] = list = [];
            }

            if (!option.TakesValue)
            {
                list.Add("true");
                continue;
            }

            if (i + 1 >= words.Count)
            {
                throw CliException.BadArguments($"Option \"{option.Name}\" takes an operand");
            }

            list.Add(words[++i]);
        }

        if (positionals.Count < Required)
        {
            throw CliException.BadArguments($"Argument \"{Positionals[positionals.Count]}\" is required");
        }

        if (!LastRepeats && positionals.Count > Positionals.Count)
        {
            throw CliException.BadArguments($"Too many arguments: {positionals[Positionals.Count]}");
        }

        return new CliArguments(positionals, values);
    }

    private static bool IsNumber(string word) => long.TryParse(word, out _);
}
