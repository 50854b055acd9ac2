namespace JenkinsLite.Core.Builds;

/// <summary>The values of a build's parameters, or why the submitted ones were refused (Jenkins answers 400).</summary>
public sealed record ParameterResolution(IReadOnlyList<ParameterValue> Values, string? Problem)
{
    public bool IsValid => Problem is null;
}
