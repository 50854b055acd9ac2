using System.Text.Json;
using System.Text.Json.Serialization;
using JenkinsLite.Core;
using JenkinsLite.Core.Builds;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Secrets;

namespace JenkinsLite.Persistence.Builds;

/// <summary>
/// The queue across restarts, in <c>jenkinslite-queue.json</c> (our own file: Jenkins' queue.xml holds
/// Java objects we do not emulate, and Jenkins ignores a file it does not know). Written atomically on
/// every change; password values are encrypted with the home's key, as Jenkins stores a Secret.
/// </summary>
public sealed class QueueFile(JenkinsHome home, HomeSecrets secrets) : IQueueStore
{
    public const string FileName = "jenkinslite-queue.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private string Path => home.Resolve(FileName);

    public QueueState Load()
    {
        if (!File.Exists(Path))
        {
            return QueueState.Empty;
        }

        StoredQueue? stored;
        try
        {
            stored = JsonSerializer.Deserialize<StoredQueue>(File.ReadAllBytes(Path), Json);
        }
        catch (JsonException e)
        {
            throw new HomeDataException(FileName, e.Message, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine, e);
        }

        if (stored is null)
        {
            return QueueState.Empty;
        }

        var cipher = secrets.ExistingCipher();
        var items = stored.Items.Select(i => new QueueItem(i.Id, i.Job,
                [.. i.Causes.Select(c => new BuildCause(c.ClassName, c.ShortDescription, c.UserId, c.UserName, c.RemoteAddress, c.Note))],
                [.. i.Parameters.Select(p => new ParameterValue(p.ClassName, p.Name, p.Sensitive ? cipher?.TryDecrypt(p.Value) ?? string.Empty : p.Value, p.Sensitive))],
                i.InQueueSince, i.BuildableAt)
            {
                BuildNumber = i.BuildNumber,
                Cancelled = i.Cancelled,
                CancelReason = i.CancelReason,
                LeftAt = i.LeftAt,
            })
            .ToList();
        return new QueueState(stored.NextId, items);
    }

    public void Save(QueueState state)
    {
        var needsCipher = state.Items.Any(i => i.Parameters.Any(p => p.Sensitive));
        var cipher = needsCipher ? secrets.CipherCreatingKeys() : null;
        var stored = new StoredQueue
        {
            NextId = state.NextId,
            Items = [.. state.Items.Select(i => new StoredItem
            {
                Id = i.Id,
                Job = i.JobFullName,
                Causes = [.. i.Causes.Select(c => new StoredCause
                {
                    ClassName = c.ClassName, ShortDescription = c.ShortDescription, UserId = c.UserId, UserName = c.UserName,
                    RemoteAddress = c.RemoteAddress, Note = c.Note,
                })],
                Parameters = [.. i.Parameters.Select(p => new StoredParameter
                {
                    ClassName = p.ClassName, Name = p.Name, Value = p.Sensitive ? cipher!.Encrypt(p.Value) : p.Value, Sensitive = p.Sensitive,
                })],
                InQueueSince = i.InQueueSince,
                BuildableAt = i.BuildableAt,
                BuildNumber = i.BuildNumber,
                Cancelled = i.Cancelled,
                CancelReason = i.CancelReason,
                LeftAt = i.LeftAt,
            })],
        };
        AtomicFile.Write(Path, JsonSerializer.SerializeToUtf8Bytes(stored, Json));
    }

    private sealed class StoredQueue
    {
        public long NextId { get; set; } = 1;

        public List<StoredItem> Items { get; set; } = [];
    }

    private sealed class StoredItem
    {
        public long Id { get; set; }

        public string Job { get; set; } = string.Empty;

        public List<StoredCause> Causes { get; set; } = [];

        public List<StoredParameter> Parameters { get; set; } = [];

        public DateTimeOffset InQueueSince { get; set; }

        public DateTimeOffset BuildableAt { get; set; }

        public int? BuildNumber { get; set; }

        public bool Cancelled { get; set; }

        public string? CancelReason { get; set; }

        public DateTimeOffset? LeftAt { get; set; }
    }

    private sealed class StoredCause
    {
        public string ClassName { get; set; } = string.Empty;

        public string ShortDescription { get; set; } = string.Empty;

        public string? UserId { get; set; }

        public string? UserName { get; set; }

        public string? RemoteAddress { get; set; }

        public string? Note { get; set; }
    }

    private sealed class StoredParameter
    {
        public string ClassName { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Value { get; set; } = string.Empty;

        public bool Sensitive { get; set; }
    }
}
