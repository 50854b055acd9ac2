namespace JenkinsLite.Core.Jobs;

public enum ParameterKind
{
    Text,
    MultiLineText,
    Boolean,
    Choice,

    /// <summary>Masked in logs and JSON.</summary>
    Password,

    /// <summary>A parameter type JenkinsLite does not know: passed on as text.</summary>
    Other,
}
