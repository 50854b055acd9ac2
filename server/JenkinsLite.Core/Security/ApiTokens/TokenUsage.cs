namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>One token's usage, as Jenkins' ApiTokenStats$SingleTokenStats.</summary>
public sealed record TokenUsage(int UseCount, DateTimeOffset? LastUseDate)
{
    public static readonly TokenUsage Never = new(0, null);
}
