namespace JenkinsLite.Core.Builds;

/// <summary>A parameter value of one build, e.g. <c>hudson.model.StringParameterValue</c>. Password values are never shown.</summary>
/// <param name="Value">The value as text (booleans "true"/"false"); for a password the plain value, which only the build's process sees.</param>
public sealed record ParameterValue(string ClassName, string Name, string Value, bool Sensitive)
{
    /// <summary>What Jenkins' console and queue show for a password: never the value.</summary>
    public const string Mask = "****";

    public bool IsBoolean => ClassName == "hudson.model.BooleanParameterValue";

    /// <summary>Jenkins' getShortDescription: <c>NAME=value</c>, <c>NAME=****</c> for a password.</summary>
    public string ShortDescription => Name + "=" + (Sensitive ? Mask : Value);
}
