namespace JenkinsLite.Core.Security.Authorization;

/// <summary>
/// The global permission matrix of the matrix-auth plugin (<c>hudson.security.GlobalMatrixAuthorizationStrategy</c>;
/// <c>hudson.security.ProjectMatrixAuthorizationStrategy</c> behaves the same at the global level).
/// Grants only add up, following the plugin:
/// <list type="bullet">
/// <item>USER and EITHER grants match the caller's user id (case-insensitive, Jenkins' default id strategy);</item>
/// <item>GROUP and EITHER grants match one of the caller's authorities: its groups plus the built-in
/// <c>authenticated</c> for every signed-in user, or <c>anonymous</c> for an anonymous caller;</item>
/// <item>a USER/EITHER grant to <c>anonymous</c> applies to every caller, signed in or not (Jenkins always adds
/// the anonymous principal; the plugin's help: "the union of … X, A, B, C, and anonymous");</item>
/// <item>a permission is held if it or any permission of its implication chain is granted; disabled
/// permissions in the chain are skipped.</item>
/// </list>
/// </summary>
public sealed class GlobalMatrixAuthorizationStrategy : AuthorizationStrategy
{
    public const string GlobalClassName = "hudson.security.GlobalMatrixAuthorizationStrategy";
    public const string ProjectClassName = "hudson.security.ProjectMatrixAuthorizationStrategy";

    // Jenkins' "everyone" sid: checked for every caller as a group-like sid.
    private const string EveryoneSid = "role_everyone";

    private readonly Dictionary<Permission, MatrixGrant[]> _byPermission;

    public GlobalMatrixAuthorizationStrategy(IEnumerable<MatrixGrant> grants, string className = GlobalClassName)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentException.ThrowIfNullOrEmpty(className);
        Grants = grants.Distinct().ToArray();
        ClassName = className;
        _byPermission = Grants.GroupBy(g => g.Permission).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>The grants as read, without duplicates.</summary>
    public IReadOnlyList<MatrixGrant> Grants { get; }

    public override string ClassName { get; }

    public override bool HasPermission(Caller caller, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(permission);
        var authorities = caller.Authorities;
        for (var p = permission; p is not null; p = p.ImpliedBy)
        {
            if (!p.Enabled || !_byPermission.TryGetValue(p, out var grants))
            {
                continue;
            }

            foreach (var grant in grants)
            {
                if (Matches(grant, caller, authorities))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Matches(MatrixGrant grant, Caller caller, IReadOnlyList<string> authorities)
    {
        if (grant.Kind != MatrixGrantKind.Group
            && (SameId(grant.Sid, caller.Name) || SameId(grant.Sid, Caller.AnonymousName)))
        {
            return true;
        }

        if (grant.Kind != MatrixGrantKind.User)
        {
            if (SameId(grant.Sid, EveryoneSid))
            {
                return true;
            }

            foreach (var authority in authorities)
            {
                if (SameId(grant.Sid, authority))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Jenkins' case-insensitive id strategy compares the English lower-case forms.
    private static bool SameId(string a, string b) =>
        a.Length == b.Length && string.Equals(a.ToLowerInvariant(), b.ToLowerInvariant(), StringComparison.Ordinal);
}
