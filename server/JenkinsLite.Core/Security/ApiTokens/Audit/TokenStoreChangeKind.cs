namespace JenkinsLite.Core.Security.ApiTokens.Audit;

public enum TokenStoreChangeKind
{
    Created,
    Renamed,
    Changed,
    Removed,
}
