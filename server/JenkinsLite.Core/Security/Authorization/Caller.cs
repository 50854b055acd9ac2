namespace JenkinsLite.Core.Security.Authorization;

/// <summary>
/// Who is making a request: a signed-in user (id and the groups the realm reports) or anonymous.
/// The authentication layer never builds a signed-in caller with a reserved id such as "anonymous".
/// </summary>
public sealed record Caller(string? UserId, IReadOnlyList<string> Groups)
{
    public const string AnonymousName = "anonymous";
    public const string AuthenticatedAuthority = "authenticated";

    public static Caller Anonymous { get; } = new(null, []);

    public bool IsAnonymous => UserId is null;

    /// <summary>The principal name Jenkins reports: the user id, or "anonymous".</summary>
    public string Name => UserId ?? AnonymousName;

    /// <summary>What /whoAmI lists: <c>["authenticated", …groups]</c>, or <c>["anonymous"]</c>.</summary>
    public IReadOnlyList<string> Authorities => IsAnonymous ? [AnonymousName] : [AuthenticatedAuthority, .. Groups];

    public static Caller User(string userId, params IReadOnlyList<string> groups)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new Caller(userId, groups);
    }

    // Value equality over the group list rather than the list instance.
    public bool Equals(Caller? other) =>
        other is not null && string.Equals(UserId, other.UserId, StringComparison.Ordinal) && Groups.SequenceEqual(other.Groups);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(UserId, StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            hash.Add(group, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
