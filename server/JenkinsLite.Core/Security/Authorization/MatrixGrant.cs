namespace JenkinsLite.Core.Security.Authorization;

/// <summary>
/// One cell of a permission matrix, persisted by matrix-auth as <c>USER:hudson.model.Item.Build:alice</c>,
/// <c>GROUP:…:authenticated</c> or, in the older form, <c>hudson.model.Item.Build:alice</c> (<see cref="MatrixGrantKind.Either"/>).
/// </summary>
public sealed record MatrixGrant(MatrixGrantKind Kind, Permission Permission, string Sid)
{
    /// <summary>The text matrix-auth writes for this grant.</summary>
    public override string ToString() => Kind switch
    {
        MatrixGrantKind.User => "USER:" + Permission.Id + ":" + Sid,
        MatrixGrantKind.Group => "GROUP:" + Permission.Id + ":" + Sid,
        _ => Permission.Id + ":" + Sid,
    };
}
