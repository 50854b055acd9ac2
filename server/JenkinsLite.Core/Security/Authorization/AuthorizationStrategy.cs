namespace JenkinsLite.Core.Security.Authorization;

/// <summary>
/// Decides whether a caller holds a permission; the <c>&lt;authorizationStrategy&gt;</c> of the root config.xml.
/// Every endpoint asks it, so implementations are immutable and thread-safe.
/// </summary>
public abstract class AuthorizationStrategy
{
    public abstract bool HasPermission(Caller caller, Permission permission);

    /// <summary>The Jenkins class name written in config.xml's <c>class</c> attribute.</summary>
    public abstract string ClassName { get; }
}
