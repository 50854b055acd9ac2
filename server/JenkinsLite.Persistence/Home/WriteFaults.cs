namespace JenkinsLite.Persistence.Home;

/// <summary>
/// The one seam every write to the home passes (<see cref="AtomicFile"/>, build logs, new job folders,
/// secrets), so tests can make the disk full, broken or read-only at the n-th write of a path and prove
/// nothing is lost (REL-03). Nothing is registered outside tests; the check is then one read of an empty list.
/// </summary>
public static class WriteFaults
{
    private static readonly Lock Gate = new();
    private static readonly List<Fault> Faults = [];

    /// <summary>
    /// From the (<paramref name="afterWrites"/> + 1)-th write of a path that <paramref name="matches"/> on,
    /// every such write throws <paramref name="error"/>, until the returned handle is disposed (the fault clears).
    /// </summary>
    public static IDisposable Inject(Func<string, bool> matches, Func<string, Exception> error, int afterWrites = 0)
    {
        var fault = new Fault(matches, error, afterWrites);
        lock (Gate)
        {
            Faults.Add(fault);
        }

        return fault;
    }

    /// <summary>Called before bytes are written to <paramref name="fullPath"/>; throws the injected error, if any.</summary>
    public static void Check(string fullPath)
    {
        if (Faults.Count == 0)
        {
            return;
        }

        Exception? error = null;
        lock (Gate)
        {
            foreach (var fault in Faults.Where(f => f.Matches(fullPath)))
            {
                error ??= ++fault.Seen > fault.AfterWrites ? fault.Error(fullPath) : null;
            }
        }

        if (error is not null)
        {
            throw error;
        }
    }

    /// <summary>A file stream whose every write passes <see cref="Check"/> first (build logs are written as they come).</summary>
    public static Stream Checked(FileStream stream) => new CheckedStream(stream);

    private sealed class Fault(Func<string, bool> matches, Func<string, Exception> error, int afterWrites) : IDisposable
    {
        public Func<string, bool> Matches { get; } = matches;

        public Func<string, Exception> Error { get; } = error;

        public int AfterWrites { get; } = afterWrites;

        public int Seen { get; set; }

        public void Dispose()
        {
            lock (Gate)
            {
                Faults.Remove(this);
            }
        }
    }

    private sealed class CheckedStream(FileStream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(inner.Name);
            inner.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(inner.Name);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
