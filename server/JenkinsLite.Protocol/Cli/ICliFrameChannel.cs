namespace JenkinsLite.Protocol.Cli;

/// <summary>
/// Frames in both directions over one transport. Reads come from one reader at a time; writes may come
/// from several tasks and are sent whole, one after the other, each flushed at once.
/// </summary>
public interface ICliFrameChannel : IDisposable
{
    /// <summary>The next frame, or null when the peer ended the stream cleanly between frames.</summary>
    /// <exception cref="CliProtocolException">The stream is malformed, or ends inside a frame.</exception>
    ValueTask<CliFrame?> ReadAsync(CancellationToken cancellationToken);

    ValueTask WriteAsync(CliFrame frame, CancellationToken cancellationToken);
}
