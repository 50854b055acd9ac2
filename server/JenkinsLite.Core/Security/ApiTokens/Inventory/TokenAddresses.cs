namespace JenkinsLite.Core.Security.ApiTokens.Inventory;

/// <summary>The addresses one token was used from: the last one, and those seen (at most <see cref="MaxSeen"/>, oldest dropped).</summary>
public sealed record TokenAddresses(string Last, IReadOnlyList<string> Seen)
{
    public const int MaxSeen = 50;

    public TokenAddresses With(string address) =>
        Seen.Contains(address, StringComparer.Ordinal)
            ? this with { Last = address }
            : new TokenAddresses(address, [.. Seen.Skip(Math.Max(0, Seen.Count - MaxSeen + 1)), address]);
}
