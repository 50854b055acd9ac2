namespace JenkinsLite.Core.Builds;

/// <summary>A parameter value of one build, e.g. <c>hudson.model.StringParameterValue</c>. Password values are never shown.</summary>
public sealed record ParameterValue(string ClassName, string Name, string Value, bool Sensitive);
