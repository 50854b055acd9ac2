using System.Globalization;
using System.Text.RegularExpressions;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Persistence.Secrets;

namespace JenkinsLite.Server.Web;

/// <summary>One parameter row as typed: the kind's key, and every field as text.</summary>
public sealed record ParameterFields(string Kind, string Name, string Default, string Description, string Choices);

/// <summary>
/// The form as typed, so a refused form comes back as it was sent. A password parameter's default travels as
/// Jenkins' <c>hudson.util.Secret</c> text, as Jenkins' password fields do: never in plain in the page.
/// </summary>
public sealed partial record ConfigureForm(
    string Description, bool Disabled, bool Discard, string DaysToKeep, string NumToKeep, string ArtifactDaysToKeep, string ArtifactNumToKeep,
    bool Parameterized,
    IReadOnlyList<ParameterFields> Parameters, bool HasQuietPeriod, string QuietPeriod, bool RemoteTrigger, string AuthToken,
    IReadOnlyList<string> Commands, bool ConcurrentBuild, bool Archive, string Artifacts, bool AllowEmptyArchive)
{
    private const string NotANumber = "Not a non-negative number";
    private const string PasswordKey = "password";

    /// <summary>The parameter types the form offers: the form's key, the kind and Jenkins' name.</summary>
    internal static readonly (string Key, ParameterKind Kind, string Label)[] ParameterKinds =
    [
        ("string", ParameterKind.Text, "String Parameter"),
        ("boolean", ParameterKind.Boolean, "Boolean Parameter"),
        ("choice", ParameterKind.Choice, "Choice Parameter"),
        ("text", ParameterKind.MultiLineText, "Multi-line String Parameter"),
        (PasswordKey, ParameterKind.Password, "Password Parameter"),
    ];

    public static ConfigureForm Of(JobConfig config, HomeSecrets secrets)
    {
        var settings = FreestyleSettings.Of(config);
        return new ConfigureForm(
            settings.Description, settings.Disabled, settings.Discarder is not null,
            Number(settings.Discarder?.DaysToKeep), Number(settings.Discarder?.NumToKeep),
            Number(settings.Discarder?.ArtifactDaysToKeep), Number(settings.Discarder?.ArtifactNumToKeep), settings.Parameters.Count > 0,
            [.. settings.Parameters.Select(p => new ParameterFields(
                ParameterKinds.First(k => k.Kind == p.Kind).Key, p.Name, p.DefaultValue ?? string.Empty, p.Description ?? string.Empty, string.Join('\n', p.Choices)))],
            settings.QuietPeriod is not null, Number(settings.QuietPeriod), settings.AuthToken is not null, settings.AuthToken ?? string.Empty,
            settings.ShellCommands, settings.ConcurrentBuild,
            settings.Archiver is not null, settings.Archiver?.Artifacts ?? string.Empty, settings.Archiver?.AllowEmptyArchive ?? false)
            .WithPasswordsSealed(secrets);
    }

    public static ConfigureForm Read(IFormCollection fields)
    {
        string Get(string name) => fields[name].ToString();
        bool On(string name) => fields[name].ToString() is "true" or "on";
        return new ConfigureForm(
            Get("description"), On("disabled"), On("discard"), Get("daysToKeep").Trim(), Get("numToKeep").Trim(),
            Get("artifactDaysToKeep").Trim(), Get("artifactNumToKeep").Trim(), On("parameterized"),
            [.. Rows(fields, RowKey(), "parameter", "kind")
                .Where(i => ParameterKinds.Any(k => k.Key == Get($"parameter.{i}.kind")))
                .Select(i => new ParameterFields(Get($"parameter.{i}.kind"), Get($"parameter.{i}.name"),
                    Get($"parameter.{i}.kind") == "boolean" ? (On($"parameter.{i}.default") ? "true" : "false") : Get($"parameter.{i}.default"),
                    Get($"parameter.{i}.description"), Get($"parameter.{i}.choices")))],
            On("hasQuietPeriod"), Get("quietPeriod").Trim(), On("remoteTrigger"), Get("authToken"),
            [.. Rows(fields, RowKey(), "builder", "command").Select(i => Get($"builder.{i}.command").ReplaceLineEndings("\n"))],
            On("concurrentBuild"), On("archive"), Get("artifacts"), On("allowEmptyArchive"));
    }

    /// <summary>The same form with every password default typed in plain replaced by its encrypted text, to show it.</summary>
    public ConfigureForm WithPasswordsSealed(HomeSecrets secrets) =>
        WithPasswordDefaults(value => secrets.Reveal(value) == value ? secrets.Seal(value) : value);

    /// <summary>
    /// The same form for a reader who may not configure the job: password defaults as Jenkins' password fields show
    /// them to such a reader, masked, not even encrypted.
    /// </summary>
    public ConfigureForm WithPasswordsMasked() => WithPasswordDefaults(_ => "********");

    private ConfigureForm WithPasswordDefaults(Func<string, string> shown) => this with
    {
        Parameters = [.. Parameters.Select(p => p.Kind == PasswordKey && p.Default.Length > 0 ? p with { Default = shown(p.Default) } : p)],
    };

    /// <summary>The settings to save, or the problems keyed by field name (rows numbered as they are shown).</summary>
    public (FreestyleSettings Settings, IReadOnlyDictionary<string, string> Problems) ToSettings(JobConfig current, HomeSecrets secrets)
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
                Parse("artifactDaysToKeep", ArtifactDaysToKeep, true), Parse("artifactNumToKeep", ArtifactNumToKeep, true))
            : null;
        var parameters = Parameterized
            ? Parameters.Select(p =>
            {
                var kind = ParameterKinds.First(k => k.Key == p.Kind).Kind;
                var choices = kind == ParameterKind.Choice ? p.Choices.ReplaceLineEndings("\n").Split('\n').Where(c => c.Length > 0).ToList() : [];
                var existing = current.Parameters.FirstOrDefault(e => e.Kind == kind && e.Name == p.Name.Trim());
                var defaultValue = kind switch
                {
                    ParameterKind.Choice => null,
                    ParameterKind.Password => secrets.Reveal(p.Default),
                    _ => p.Default,
                };
                return new ParameterDefinition(string.Empty, kind, p.Name.Trim(), p.Description, defaultValue, choices, existing?.Trim ?? false);
            }).ToList()
            : [];
        var settings = new FreestyleSettings(Description, Disabled, discarder, parameters,
            Parse("quietPeriod", QuietPeriod, HasQuietPeriod), RemoteTrigger ? AuthToken.Trim() : null, Commands, ConcurrentBuild,
            Archive ? new ArtifactArchiver(Artifacts, current.Archiver?.Excludes, AllowEmptyArchive, current.Archiver?.OnlyIfSuccessful ?? false) : null);
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
