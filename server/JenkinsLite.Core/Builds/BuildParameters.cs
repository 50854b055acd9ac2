using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Builds;

/// <summary>
/// Turns submitted values into a build's parameter values from the job's own definitions, as Jenkins'
/// ParametersDefinitionProperty: unknown names are ignored, a missing value takes the definition's
/// default, a choice must be one of the choices and a boolean must be true or false.
/// </summary>
public static class BuildParameters
{
    /// <summary>
    /// Jenkins' PasswordParameterDefinition.DEFAULT_VALUE: what a parameters form holds in a password field so that
    /// the default is never sent to the browser; submitted as it is, it stands for the default.
    /// </summary>
    public const string PasswordDefault = "<DEFAULT>";

    public static ParameterResolution Resolve(IReadOnlyList<ParameterDefinition> definitions, Func<string, string?> submitted)
    {
        var values = new List<ParameterValue>(definitions.Count);
        foreach (var definition in definitions)
        {
            var given = submitted(definition.Name);
            switch (definition.Kind)
            {
                case ParameterKind.Boolean:
                    var flag = given ?? definition.DefaultValue ?? "false";
                    if (!bool.TryParse(flag.Trim(), out var parsed))
                    {
                        return Refused($"Invalid boolean value for parameter {definition.Name}: {given}");
                    }

                    values.Add(new ParameterValue("hudson.model.BooleanParameterValue", definition.Name, parsed ? "true" : "false", false));
                    break;
                case ParameterKind.Choice:
                    var choice = given ?? definition.DefaultValue ?? (definition.Choices.Count > 0 ? definition.Choices[0] : string.Empty);
                    if (definition.Choices.Count > 0 && !definition.Choices.Contains(choice, StringComparer.Ordinal))
                    {
                        return Refused($"Illegal choice for parameter {definition.Name}: {choice}");
                    }

                    values.Add(new ParameterValue("hudson.model.StringParameterValue", definition.Name, choice, false));
                    break;
                case ParameterKind.Password:
                    var password = given is null or PasswordDefault ? definition.DefaultValue ?? string.Empty : given;
                    values.Add(new ParameterValue("hudson.model.PasswordParameterValue", definition.Name, password, true));
                    break;
                case ParameterKind.MultiLineText:
                    values.Add(new ParameterValue("hudson.model.TextParameterValue", definition.Name, Text(given, definition), false));
                    break;
                default:
                    values.Add(new ParameterValue("hudson.model.StringParameterValue", definition.Name, Text(given, definition), false));
                    break;
            }
        }

        return new ParameterResolution(values, null);
    }

    private static string Text(string? given, ParameterDefinition definition)
    {
        var value = given ?? definition.DefaultValue ?? string.Empty;
        return definition.Trim ? value.Trim() : value;
    }

    private static ParameterResolution Refused(string problem) => new([], problem);
}
