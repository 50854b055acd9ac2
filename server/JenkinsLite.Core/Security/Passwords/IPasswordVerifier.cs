namespace JenkinsLite.Core.Security.Passwords;

/// <summary>Checks a password against a stored hash; the host may remember recent successes.</summary>
public interface IPasswordVerifier
{
    bool Verify(string? storedHash, string password);
}
