namespace JenkinsLite.Core.Security.Passwords;

/// <summary>Every check runs the full hash (bcrypt or PBKDF2).</summary>
public sealed class DirectPasswordVerifier : IPasswordVerifier
{
    public static readonly DirectPasswordVerifier Instance = new();

    public bool Verify(string? storedHash, string password) => PasswordHash.Verify(storedHash, password);
}
