namespace JenkinsLite.Core.Jobs;

/// <summary>
/// What the "Configure" form of a freestyle project edits. Saving it rewrites only these parts of the
/// config.xml (see <see cref="IJobConfigFormat.WithSettings"/>); everything else stays as it was.
/// </summary>
/// <param name="Discarder">"Discard old builds"; null when unticked.</param>
/// <param name="Parameters">
/// String, Multi-line String, Boolean, Choice and Password parameters, in order; empty when not parameterized. A
/// password's default is the plain text here: only the file holds it encrypted.
/// </param>
/// <param name="QuietPeriod">Seconds; null for the global quiet period.</param>
/// <param name="AuthToken">"Trigger builds remotely"; null when unticked.</param>
/// <param name="ConcurrentBuild">"Execute concurrent builds if necessary".</param>
/// <param name="Archiver">The post-build action "Archive the artifacts"; null when the job has none.</param>
public sealed record FreestyleSettings(
    string Description,
    bool Disabled,
    BuildDiscarder? Discarder,
    IReadOnlyList<ParameterDefinition> Parameters,
    int? QuietPeriod,
    string? AuthToken,
    IReadOnlyList<string> ShellCommands,
    bool ConcurrentBuild = false,
    ArtifactArchiver? Archiver = null)
{
    /// <summary>The parameter kinds the form edits; others (file, run, plugins') are kept as they are.</summary>
    public static bool IsEditable(ParameterKind kind) => kind is not ParameterKind.Other;

    /// <summary>The form's view of a stored config.</summary>
    public static FreestyleSettings Of(JobConfig config) => new(
        config.Description ?? string.Empty,
        config.Disabled,
        config.Discarder,
        [.. config.Parameters.Where(p => IsEditable(p.Kind))],
        config.QuietPeriod,
        config.AuthToken,
        config.ShellCommands,
        config.ConcurrentBuild,
        config.Archiver);

    /// <summary>Jenkins' checks, keyed by the field they belong to (<c>parameter.N.name</c> for the N-th parameter, 0-based).</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (QuietPeriod < 0)
        {
            problems["quietPeriod"] = "Not a non-negative number";
        }

        if (Discarder is { } discarder)
        {
            foreach (var (field, value) in new[]
            {
                ("daysToKeep", discarder.DaysToKeep), ("numToKeep", discarder.NumToKeep),
                ("artifactDaysToKeep", discarder.ArtifactDaysToKeep), ("artifactNumToKeep", discarder.ArtifactNumToKeep),
            })
            {
                if (value < 0)
                {
                    problems[field] = "Not a non-negative number";
                }
            }
        }

        if (AuthToken is { } token && token.Trim().Length == 0)
        {
            problems["authToken"] = "The authentication token cannot be empty";
        }

        if (Archiver is { } archiver && archiver.Artifacts.Trim().Length == 0)
        {
            // Jenkins fails such a build ("No artifacts are configured for archiving"); the form says so first.
            problems["artifacts"] = "No artifacts are configured for archiving: give a file pattern, or “**” for every file";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var parameter = Parameters[i];
            if (parameter.Name.Trim().Length == 0)
            {
                problems[$"parameter.{i}.name"] = "The parameter name cannot be empty";
            }
            else if (!seen.Add(parameter.Name.Trim()))
            {
                problems[$"parameter.{i}.name"] = $"The parameter name ‘{parameter.Name.Trim()}’ is already in use";
            }

            if (parameter.Kind == ParameterKind.Choice && parameter.Choices.Count == 0)
            {
                problems[$"parameter.{i}.choices"] = "At least one choice is required";
            }
        }

        return problems;
    }
}
