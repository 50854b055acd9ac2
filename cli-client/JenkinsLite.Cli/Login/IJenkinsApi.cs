namespace JenkinsLite.Cli.Login;

/// <summary>The few REST calls the client makes outside the CLI protocol (decisions.md #9).</summary>
public interface IJenkinsApi
{
    /// <summary>
    /// Exchanges the password for a new named API token the way a browser does: crumb and session first,
    /// then generateNewToken with that crumb.
    /// </summary>
    Task<LoginResult> GenerateTokenAsync(string tokenName, CancellationToken cancellationToken);
}
