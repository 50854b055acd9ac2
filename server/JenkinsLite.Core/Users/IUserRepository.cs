using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Users;

/// <summary>Where users live (JENKINS_HOME/users). Every save is atomic: the old or the new file, never a torn one.</summary>
public interface IUserRepository
{
    UserLoad LoadAll();

    /// <summary>
    /// One user's file, found from the id alone without reading the others (so a large home can answer while it
    /// loads); null when the folder the id leads to holds no such user, which only <see cref="LoadAll"/> settles.
    /// </summary>
    UserFileRead? ReadOne(string userId);

    /// <summary>Whether any user file is unreadable or holds a user <paramref name="matches"/> accepts, reading until the first.</summary>
    bool AnyUserFile(Func<User, bool> matches);

    /// <summary>Creates or updates a user's file; throws <see cref="IOException"/> when it cannot.</summary>
    void Save(User user);

    void Delete(string userId);

    IReadOnlyDictionary<string, TokenUsage> LoadTokenStats(string userId);

    void SaveTokenStats(string userId, IReadOnlyDictionary<string, TokenUsage> stats);
}
