using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Users;

/// <summary>Where users live (JENKINS_HOME/users). Every save is atomic: the old or the new file, never a torn one.</summary>
public interface IUserRepository
{
    UserLoad LoadAll();

    /// <summary>Creates or updates a user's file; throws <see cref="IOException"/> when it cannot.</summary>
    void Save(User user);

    void Delete(string userId);

    IReadOnlyDictionary<string, TokenUsage> LoadTokenStats(string userId);

    void SaveTokenStats(string userId, IReadOnlyDictionary<string, TokenUsage> stats);
}
