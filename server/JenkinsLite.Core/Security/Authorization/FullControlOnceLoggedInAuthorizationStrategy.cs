namespace JenkinsLite.Core.Security.Authorization;

/// <summary>
/// "Logged-in users can do anything" (<c>hudson.security.FullControlOnceLoggedInAuthorizationStrategy</c>).
/// Anonymous callers get what Jenkins' generic read implies (Overall/Read, Job/Read, Job/Discover,
/// Job/Workspace, View/Read) unless <see cref="DenyAnonymousReadAccess"/>, and nothing else.
/// </summary>
public sealed class FullControlOnceLoggedInAuthorizationStrategy(bool denyAnonymousReadAccess) : AuthorizationStrategy
{
    public const string JenkinsClassName = "hudson.security.FullControlOnceLoggedInAuthorizationStrategy";

    public bool DenyAnonymousReadAccess { get; } = denyAnonymousReadAccess;

    public override string ClassName => JenkinsClassName;

    public override bool HasPermission(Caller caller, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(permission);
        if (!caller.IsAnonymous)
        {
            return true;
        }

        // Jenkins grants anonymous the generic read and denies Administer; the first of the two met while
        // walking the chain decides, so only permissions implied by generic read are allowed.
        return !DenyAnonymousReadAccess && permission.IsImpliedBy(Permission.GenericRead);
    }
}
