using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JenkinsLite.Server.Tests.Infrastructure;

/// <summary>Keeps every log line the server writes, so tests can look for errors and leaked secrets.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();

    public IEnumerable<(LogLevel Level, string Category, string Text)> Lines => _lines;

    public string AllText => string.Join("\n", _lines.Select(l => $"{l.Level} {l.Category}: {l.Text}"));

    /// <summary>Forgets every line (for a test that leaked on purpose).</summary>
    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception)));
    }
}
