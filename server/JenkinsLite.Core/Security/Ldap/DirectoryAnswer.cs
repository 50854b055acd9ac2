namespace JenkinsLite.Core.Security.Ldap;

/// <summary>What a directory answered: the user, no such user (or a wrong password), or no answer at all.</summary>
public abstract record DirectoryAnswer
{
    private DirectoryAnswer()
    {
    }

    public static DirectoryAnswer NotFound { get; } = new NoSuchUser();

    public sealed record Found(DirectoryUser User) : DirectoryAnswer;

    /// <summary>Unknown user or wrong password: one answer for both.</summary>
    public sealed record NoSuchUser : DirectoryAnswer;

    /// <summary>The directory could not be reached or refused the manager account; <paramref name="Reason"/> is for the log and holds no secret.</summary>
    public sealed record Unavailable(string Reason) : DirectoryAnswer;
}
