namespace JenkinsLite.Core.Security.Authorization;

/// <summary>What a matrix grant's sid names (matrix-auth's <c>AuthorizationType</c>).</summary>
public enum MatrixGrantKind
{
    /// <summary>No prefix in the file (matrix-auth before 3.0): the sid may be a user or a group.</summary>
    Either,
    Group,
    User,
}
