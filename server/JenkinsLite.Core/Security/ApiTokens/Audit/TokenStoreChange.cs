namespace JenkinsLite.Core.Security.ApiTokens.Audit;

/// <summary>What a saved change did to one token of a user, found by comparing the user before and after.</summary>
public sealed record TokenStoreChange(TokenStoreChangeKind Kind, HashedToken Token, HashedToken? Before)
{
    /// <summary>
    /// Every token added, removed, renamed or otherwise changed (expiry, scope...) between two versions of a user's
    /// tokens. A hash re-stored in a better form is not a change anyone asked for, and is left out.
    /// </summary>
    public static IReadOnlyList<TokenStoreChange> Between(ApiTokenStore before, ApiTokenStore after)
    {
        var changes = new List<TokenStoreChange>();
        var old = before.Tokens.ToDictionary(t => t.StoredUuid);
        foreach (var token in after.Tokens)
        {
            if (!old.Remove(token.StoredUuid, out var previous))
            {
                changes.Add(new TokenStoreChange(TokenStoreChangeKind.Created, token, null));
            }
            else if (previous.Name != token.Name)
            {
                changes.Add(new TokenStoreChange(TokenStoreChangeKind.Renamed, token, previous));
            }
            else if (previous with { Hash = token.Hash } != token)
            {
                changes.Add(new TokenStoreChange(TokenStoreChangeKind.Changed, token, previous));
            }
        }

        changes.AddRange(old.Values.Select(t => new TokenStoreChange(TokenStoreChangeKind.Removed, t, null)));
        return changes;
    }
}
