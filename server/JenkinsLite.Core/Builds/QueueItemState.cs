namespace JenkinsLite.Core.Builds;

/// <summary>Jenkins' queue item kinds: Queue$WaitingItem, $BlockedItem, $BuildableItem, $LeftItem.</summary>
public enum QueueItemState
{
    Waiting,
    Blocked,
    Buildable,
    Left,
}
