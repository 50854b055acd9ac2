using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Security.ApiTokens.Audit;

/// <summary>
/// Hears every change to a user's tokens before it is saved. It throws (an <see cref="AuditUnavailableException"/>)
/// when the change must not happen, so nothing unaudited is ever changed.
/// </summary>
public interface ITokenChangeAudit
{
    void BeforeSave(User before, User after, IReadOnlyList<TokenStoreChange> changes);

    /// <summary>A service account is about to be created (it exists to hold tokens, so its creation is a token event).</summary>
    void BeforeServiceAccountCreated(string userId);
}
