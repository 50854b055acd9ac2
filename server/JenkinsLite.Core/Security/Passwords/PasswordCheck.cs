namespace JenkinsLite.Core.Security.Passwords;

/// <summary>The outcome of <see cref="IPasswordVerifier.VerifyAsync"/>.</summary>
public enum PasswordCheck
{
    Mismatch,
    Match,

    /// <summary>Too many checks were waiting for a turn; the password was neither accepted nor refused.</summary>
    Busy,
}
