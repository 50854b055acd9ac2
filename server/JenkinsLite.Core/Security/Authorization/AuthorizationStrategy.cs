using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Security.Authorization;

/// <summary>
/// Decides whether a caller holds a permission; the <c>&lt;authorizationStrategy&gt;</c> of the root config.xml.
/// Every endpoint asks it, so implementations are immutable and thread-safe.
/// </summary>
public abstract class AuthorizationStrategy
{
    public abstract bool HasPermission(Caller caller, Permission permission);

    /// <summary>
    /// The one rule every check goes through: what the caller may do AND what the token's
    /// <paramref name="scope"/> allows (null: no token, or a full one). With <paramref name="item"/>, an item
    /// permission also needs the item to be in the scope's item list; a folder holding a listed item may
    /// still be read (<paramref name="itemNames"/>: every item's full name, to find those inside).
    /// </summary>
    public PermissionCheck Check(Caller caller, Permission permission, TokenScope? scope, string? item = null, IEnumerable<string>? itemNames = null)
    {
        if (!HasPermission(caller, permission))
        {
            return PermissionCheck.Denied;
        }

        if (scope is null || scope.IsFull)
        {
            return PermissionCheck.Granted;
        }

        if (!scope.Allows(permission))
        {
            return PermissionCheck.DeniedByScope;
        }

        if (item is null || !TokenScope.IsItemPermission(permission) || scope.Covers(item))
        {
            return PermissionCheck.Granted;
        }

        var seeing = ReferenceEquals(permission, Permission.ItemRead) || ReferenceEquals(permission, Permission.ItemDiscover);
        return seeing && scope.Shows(item, itemNames ?? []) ? PermissionCheck.Granted : PermissionCheck.DeniedByScope;
    }

    /// <summary>The Jenkins class name written in config.xml's <c>class</c> attribute.</summary>
    public abstract string ClassName { get; }
}
