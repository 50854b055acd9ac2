namespace JenkinsLite.Core.Security.Authorization;

/// <summary>"Anyone can do anything" (<c>hudson.security.AuthorizationStrategy$Unsecured</c>), also used when security is off.</summary>
public sealed class UnsecuredAuthorizationStrategy : AuthorizationStrategy
{
    public const string JenkinsClassName = "hudson.security.AuthorizationStrategy$Unsecured";

    private UnsecuredAuthorizationStrategy()
    {
    }

    public static UnsecuredAuthorizationStrategy Instance { get; } = new();

    public override string ClassName => JenkinsClassName;

    public override bool HasPermission(Caller caller, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(permission);
        return true;
    }
}
