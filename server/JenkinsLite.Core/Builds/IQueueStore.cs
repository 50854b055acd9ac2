namespace JenkinsLite.Core.Builds;

/// <summary>Keeps the queue across restarts, so an item answered with 201 is never silently lost.</summary>
public interface IQueueStore
{
    QueueState Load();

    /// <summary>Replaces the stored queue atomically; password values are stored encrypted.</summary>
    void Save(QueueState state);
}
