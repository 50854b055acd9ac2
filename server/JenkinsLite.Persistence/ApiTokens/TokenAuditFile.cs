using System.Globalization;
using System.Text;
using System.Text.Json;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Persistence.Home;

namespace JenkinsLite.Persistence.ApiTokens;

/// <summary>
/// <c>logs/api-token-audit.jsonl</c>: one JSON object a line, appended and flushed to disk before <see cref="Append"/>
/// returns. At <see cref="MaxBytes"/> the file rolls over to <c>.1</c> (older ones shift up), and
/// <see cref="KeptFiles"/> files are kept in all. A torn last line (a crash mid-write) is skipped when read.
/// </summary>
public sealed class TokenAuditFile(JenkinsHome home, long maxBytes = TokenAuditFile.DefaultMaxBytes) : ITokenAuditLog
{
    public const string RelativePath = "logs/api-token-audit.jsonl";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public const int KeptFiles = 10;

    private readonly Lock _gate = new();

    public long MaxBytes => maxBytes;

    private string CurrentPath => home.Resolve("logs", "api-token-audit.jsonl");

    public void Append(TokenAuditEvent auditEvent)
    {
        var line = Encoding.UTF8.GetBytes(Serialize(auditEvent) + "\n");
        lock (_gate)
        {
            try
            {
                var path = CurrentPath;
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (File.Exists(path) && new FileInfo(path).Length + line.Length > maxBytes)
                {
                    RollOver(path);
                }

                using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                WriteFaults.Check(path);
                stream.Write(line);
                stream.Flush(flushToDisk: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AuditUnavailableException($"The API token audit log ({RelativePath}) cannot be written: {e.Message}", e);
            }
        }
    }

    public IReadOnlyList<TokenAuditEvent> Read(TokenAuditQuery query)
    {
        var found = new List<TokenAuditEvent>();
        lock (_gate)
        {
            foreach (var path in Enumerable.Range(0, KeptFiles).Select(PathOf).Where(File.Exists))
            {
                var lines = File.ReadAllLines(path, Encoding.UTF8);
                for (var i = lines.Length - 1; i >= 0 && found.Count < query.Limit; i--)
                {
                    if (Parse(lines[i]) is { } e && query.Matches(e))
                    {
                        found.Add(e);
                    }
                }

                if (found.Count >= query.Limit)
                {
                    break;
                }
            }
        }

        return found;
    }

    public static string Serialize(TokenAuditEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("event", e.Event);
            json.WriteString("actor", e.Actor);
            json.WriteString("actorAuth", e.ActorAuth);
            json.WriteString("user", e.User);
            json.WriteString("tokenUuid", e.TokenUuid);
            json.WriteString("tokenName", e.TokenName);
            json.WriteString("address", e.Address);
            json.WriteString("userAgent", e.UserAgent);
            json.WriteStartObject("details");
            foreach (var (key, value) in e.Details)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static TokenAuditEvent? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (!DateTimeOffset.TryParse(Text("time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) || Text("event") is not { } name)
            {
                return null;
            }

            var details = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (root.TryGetProperty("details", out var detailElement) && detailElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in detailElement.EnumerateObject())
                {
                    details[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                }
            }

            return new TokenAuditEvent(time, name, Text("actor") ?? string.Empty, Text("actorAuth") ?? string.Empty, Text("user"),
                Text("tokenUuid"), Text("tokenName"), Text("address"), Text("userAgent"), details);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string PathOf(int generation) => generation == 0 ? CurrentPath : $"{CurrentPath}.{generation}";

    private void RollOver(string current)
    {
        File.Delete(PathOf(KeptFiles - 1));
        for (var generation = KeptFiles - 2; generation >= 1; generation--)
        {
            if (File.Exists(PathOf(generation)))
            {
                File.Move(PathOf(generation), PathOf(generation + 1));
            }
        }

        File.Move(current, PathOf(1));
    }
}
