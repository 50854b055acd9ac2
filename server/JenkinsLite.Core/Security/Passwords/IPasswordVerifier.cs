namespace JenkinsLite.Core.Security.Passwords;

/// <summary>
/// Checks a password against a stored hash; the host may remember recent successes and limit how many
/// hashes run at once, so a check may wait for its turn (asynchronously: no thread is held while it waits).
/// </summary>
public interface IPasswordVerifier
{
    /// <summary>
    /// <see cref="PasswordCheck.Busy"/> when the host could not give the check a turn in time: nothing was
    /// decided about the password. Completes synchronously when no hash has to run.
    /// </summary>
    ValueTask<PasswordCheck> VerifyAsync(string? storedHash, string password, CancellationToken cancellationToken);
}
