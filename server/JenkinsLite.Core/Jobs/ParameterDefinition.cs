namespace JenkinsLite.Core.Jobs;

/// <summary>One build parameter of a job, as its ParametersDefinitionProperty declares it.</summary>
/// <param name="ClassName">Jenkins' class, e.g. <c>hudson.model.StringParameterDefinition</c>.</param>
/// <param name="Kind">What JenkinsLite does with it.</param>
/// <param name="DefaultValue">The default as text (booleans "true"/"false"; a choice: the first choice).</param>
public sealed record ParameterDefinition(
    string ClassName,
    ParameterKind Kind,
    string Name,
    string? Description,
    string? DefaultValue,
    IReadOnlyList<string> Choices,
    bool Trim);
