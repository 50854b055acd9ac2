namespace JenkinsLite.Core.Builds;

/// <summary>What survives a restart of the queue: the next id and every item not yet expired.</summary>
public sealed record QueueState(long NextId, IReadOnlyList<QueueItem> Items)
{
    public static QueueState Empty { get; } = new(1, []);
}
