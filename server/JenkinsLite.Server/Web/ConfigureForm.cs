using System.Globalization;
using System.Text.RegularExpressions;
using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Server.Web;

/// <summary>One parameter row as typed: the kind's key, and every field as text.</summary>
public sealed record ParameterFields(string Kind, string Name, string Default, string Description, string Choices);

/// <summary>The form as typed, so a refused form comes back as it was sent.</summary>
public sealed partial record ConfigureForm(
    string Description, bool Disabled, bool Discard, string DaysToKeep, string NumToKeep, bool Parameterized,
    IReadOnlyList<ParameterFields> Parameters, bool HasQuietPeriod, string QuietPeriod, bool RemoteTrigger, string AuthToken,
    IReadOnlyList<string> Commands, bool ConcurrentBuild)
{
    private const string NotANumber = "Not a non-negative number";

    /// <summary>The parameter types the form offers: the form's key, the kind and Jenkins' name.</summary>
    internal static readonly (string Key, ParameterKind Kind, string Label)[] ParameterKinds =
    [
        ("string", ParameterKind.Text, "String Parameter"),
        ("boolean", ParameterKind.Boolean, "Boolean Parameter"),
        ("choice", ParameterKind.Choice, "Choice Parameter"),
    ];

    public static ConfigureForm Of(JobConfig config)
    {
        var settings = FreestyleSettings.Of(config);
        return new ConfigureForm(
            settings.Description, settings.Disabled, settings.Discarder is not null,
            Number(settings.Discarder?.DaysToKeep), Number(settings.Discarder?.NumToKeep), settings.Parameters.Count > 0,
            [.. settings.Parameters.Select(p => new ParameterFields(
                ParameterKinds.First(k => k.Kind == p.Kind).Key, p.Name, p.DefaultValue ?? string.Empty, p.Description ?? string.Empty, string.Join('\n', p.Choices)))],
            settings.QuietPeriod is not null, Number(settings.QuietPeriod), settings.AuthToken is not null, settings.AuthToken ?? string.Empty,
            settings.ShellCommands, settings.ConcurrentBuild);
    }

    public static ConfigureForm Read(IFormCollection fields)
    {
        string Get(string name) => fields[name].ToString();
        bool On(string name) => fields[name].ToString() is "true" or "on";
        return new ConfigureForm(
            Get("description"), On("disabled"), On("discard"), Get("daysToKeep").Trim(), Get("numToKeep").Trim(), On("parameterized"),
            [.. Rows(fields, RowKey(), "parameter", "kind")
                .Where(i => ParameterKinds.Any(k => k.Key == Get($"parameter.{i}.kind")))
                .Select(i => new ParameterFields(Get($"parameter.{i}.kind"), Get($"parameter.{i}.name"),
                    Get($"parameter.{i}.kind") == "boolean" ? (On($"parameter.{i}.default") ? "true" : "false") : Get($"parameter.{i}.default"),
                    Get($"parameter.{i}.description"), Get($"parameter.{i}.choices")))],
            On("hasQuietPeriod"), Get("quietPeriod").Trim(), On("remoteTrigger"), Get("authToken"),
            [.. Rows(fields, RowKey(), "builder", "command").Select(i => Get($"builder.{i}.command").ReplaceLineEndings("\n"))],
            On("concurrentBuild"));
    }

    /// <summary>The settings to save, or the problems keyed by field name (rows numbered as they are shown).</summary>
    public (FreestyleSettings Settings, IReadOnlyDictionary<string, string> Problems) ToSettings(JobConfig current)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        int? Parse(string name, string text, bool used)
        {
            if (!used || text.Length == 0)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            problems[name] = NotANumber;
            return null;
        }

        var discarder = Discard
            ? new BuildDiscarder(Parse("daysToKeep", DaysToKeep, true), Parse("numToKeep", NumToKeep, true),
                current.Discarder?.ArtifactDaysToKeep, current.Discarder?.ArtifactNumToKeep)
            : null;
        var parameters = Parameterized
            ? Parameters.Select(p =>
            {
                var kind = ParameterKinds.First(k => k.Key == p.Kind).Kind;
                var choices = kind == ParameterKind.Choice ? p.Choices.ReplaceLineEndings("\n").Split('\n').Where(c => c.Length > 0).ToList() : [];
                var existing = current.Parameters.FirstOrDefault(e => e.Kind == kind && e.Name == p.Name.Trim());
                return new ParameterDefinition(string.Empty, kind, p.Name.Trim(), p.Description, kind == ParameterKind.Choice ? null : p.Default,
                    choices, existing?.Trim ?? false);
            }).ToList()
            : [];
        var settings = new FreestyleSettings(Description, Disabled, discarder, parameters,
            Parse("quietPeriod", QuietPeriod, HasQuietPeriod), RemoteTrigger ? AuthToken.Trim() : null, Commands, ConcurrentBuild);
        foreach (var (field, problem) in settings.Problems())
        {
            problems.TryAdd(field, problem);
        }

        return (settings, problems);
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    // The row numbers the browser sent (the script numbers added rows on), in order.
    private static IEnumerable<string> Rows(IFormCollection fields, Regex key, string list, string field) =>
        fields.Keys.Select(k => key.Match(k))
            .Where(m => m.Success && m.Groups[1].Value == list && m.Groups[3].Value == field)
            .Select(m => m.Groups[2].Value)
            .OrderBy(i => int.Parse(i, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(parameter|builder)\.(\d{1,6})\.(\w+)$")]
    private static partial Regex RowKey();
}
