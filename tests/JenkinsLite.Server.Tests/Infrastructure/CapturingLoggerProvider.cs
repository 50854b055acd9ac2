using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JenkinsLite.Server.Tests.Infrastructure;

/// <summary>Keeps every log line the server writes, so tests can look for errors and leaked secrets.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    // A kept line's text (UTF-16 with its header) and its queue slot; the category string is shared by its logger.
    private const int BytesPerLine = 22 + 24;

    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();
    private long _keptBytes;

    public IEnumerable<(LogLevel Level, string Category, string Text)> Lines => _lines;

    public string AllText => string.Join("\n", _lines.Select(l => $"{l.Level} {l.Category}: {l.Text}"));

    /// <summary>About how much managed memory the kept lines take: the soak tells it apart from the server's own.</summary>
    public long KeptBytes => Interlocked.Read(ref _keptBytes);

    /// <summary>Forgets every line (for a test that leaked on purpose).</summary>
    public void Clear()
    {
        _lines.Clear();
        Interlocked.Exchange(ref _keptBytes, 0);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    private void Keep(LogLevel level, string category, string text)
    {
        _lines.Enqueue((level, category, text));
        Interlocked.Add(ref _keptBytes, (2L * text.Length) + BytesPerLine);
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Keep(logLevel, category, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception));
    }
}
