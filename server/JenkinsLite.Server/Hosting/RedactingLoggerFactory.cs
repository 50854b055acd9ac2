using System.Collections;

namespace JenkinsLite.Server.Hosting;

/// <summary>
/// Passes every log entry of every category (the framework's included) through <see cref="LogRedaction"/>
/// before any provider sees it: the message and each text value a structured provider would write.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, new RedactedState(LogRedaction.Redact(formatter(state, exception)), state), Redacted(exception), static (s, _) => s.Message);
            }
        }
    }

    // A framework exception can quote the request (Kestrel's "Invalid request line: …"): such an exception is
    // replaced by its redacted text; every other one is passed on untouched.
    private static Exception? Redacted(Exception? exception) =>
        exception?.ToString() is { } text && LogRedaction.Redact(text) is var redacted && redacted != text
            ? new RedactedException(redacted)
            : exception;

    private sealed class RedactedException(string text) : Exception(text)
    {
        public override string ToString() => Message;
    }

    private sealed class RedactedState(string message, object? original) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _values = original is IEnumerable<KeyValuePair<string, object?>> pairs
            ? [.. pairs.Select(p => new KeyValuePair<string, object?>(p.Key, Redacted(p.Value)))]
            : [];

        public string Message { get; } = message;

        public int Count => _values.Length;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;

        // Texts, and values whose text shows a secret (a Uri, a QueryString), become redacted text; numbers stay numbers.
        private static object? Redacted(object? value) => value switch
        {
            null or Enum or decimal or DateTime or DateTimeOffset or TimeSpan or Guid => value,
            _ when value.GetType().IsPrimitive => value,
            string text => LogRedaction.Redact(text),
            _ when value.ToString() is { } text && LogRedaction.Redact(text) is var redacted && redacted != text => redacted,
            _ => value,
        };
    }
}
