namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>Where the client addresses of a user's tokens are kept: our own file beside Jenkins' apiTokenStats.xml (decisions.md #15).</summary>
public interface ITokenAddressStore
{
    IReadOnlyDictionary<string, TokenAddresses> Load(string userId);

    /// <summary>Throws <see cref="IOException"/> when it cannot write.</summary>
    void Save(string userId, IReadOnlyDictionary<string, TokenAddresses> addresses);
}
