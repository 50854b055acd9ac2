namespace JenkinsLite.Core.Nodes;

/// <summary>
/// Why a user took a node offline: Jenkins' <c>OfflineCause.UserCause</c>, or its <c>ByCLI</c> subclass when
/// <c>offline-node</c> did it.
/// </summary>
/// <param name="UserId">Who did it; null for anonymous.</param>
/// <param name="Message">The reason they gave, if any.</param>
public sealed record NodeOfflineCause(string? UserId, string? Message, DateTimeOffset Since, bool FromCli)
{
    private const string Separator = " : ";

    /// <summary>Jenkins' text: "Disconnected by USER" then " : MESSAGE" when one was given.</summary>
    public string Description => $"Disconnected by {UserId ?? "anonymous"}{(Message is null ? string.Empty : Separator + Message)}";

    /// <summary>
    /// Jenkins' <c>getReason()</c> before escaping: what follows the last " : " of the description, or
    /// nothing when no message was given.
    /// </summary>
    public string Reason
    {
        get
        {
            var description = Description;
            var at = description.LastIndexOf(Separator, StringComparison.Ordinal);
            return at < 0 ? string.Empty : description[(at + Separator.Length)..];
        }
    }
}
