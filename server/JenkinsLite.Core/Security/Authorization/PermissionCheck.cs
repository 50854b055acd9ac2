namespace JenkinsLite.Core.Security.Authorization;

/// <summary>The answer of <see cref="AuthorizationStrategy.Check"/>: the refusal says whether the token's scope was the reason.</summary>
public enum PermissionCheck
{
    Granted,

    /// <summary>The caller (the token's owner) lacks the permission.</summary>
    Denied,

    /// <summary>The owner holds it; the token's scope does not allow it.</summary>
    DeniedByScope,
}
