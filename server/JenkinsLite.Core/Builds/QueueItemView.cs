namespace JenkinsLite.Core.Builds;

/// <summary>A queue item as the API shows it now: its kind and Jenkins' "why" sentence (null once left).</summary>
public sealed record QueueItemView(QueueItem Item, QueueItemState State, string? Why);
