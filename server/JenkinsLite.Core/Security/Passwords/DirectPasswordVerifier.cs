namespace JenkinsLite.Core.Security.Passwords;

/// <summary>Every check runs the full hash (bcrypt or PBKDF2) at once, on the caller's thread.</summary>
public sealed class DirectPasswordVerifier : IPasswordVerifier
{
    public static readonly DirectPasswordVerifier Instance = new();

    public ValueTask<PasswordCheck> VerifyAsync(string? storedHash, string password, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PasswordHash.Verify(storedHash, password) ? PasswordCheck.Match : PasswordCheck.Mismatch);
}
