using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Transport;

/// <summary>
/// The client half of the plain CLI protocol, as the jar runs it (cli.md 2.4): ARG…, ENCODING, LOCALE,
/// START; then stdin in chunks of at most 60,000 bytes and END_STDIN at EOF, from its own task; on
/// <c>-http</c> an ENCODING frame every 3 s; STDOUT/STDERR copied as raw bytes until EXIT.
/// </summary>
public sealed class ProtocolDriver(IReadOnlyList<string> command, string locale, Stream stdin, Stream stdout, Stream stderr, ClientLog log)
{
    /// <summary>The jar's charset name; we always write the bytes we receive, so UTF-8 is the honest answer.</summary>
    public const string Charset = "UTF-8";

    public const int StdinChunk = 60_000;

    /// <summary>The jar's keep-alive interval (hudson.cli.CLI.pingInterval).</summary>
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(3);

    /// <param name="beforeReading">Runs after START and before the first frame is read (the <c>-http</c> zero byte).</param>
    public async Task<int> RunAsync(ICliFrameChannel channel, bool ping, Func<CancellationToken, Task>? beforeReading, CancellationToken cancellationToken)
    {
        foreach (var word in command)
        {
            await channel.WriteAsync(CliFrame.Arg(word), cancellationToken);
        }

        await channel.WriteAsync(CliFrame.Encoding(Charset), cancellationToken);
        await channel.WriteAsync(CliFrame.Locale(locale), cancellationToken);
        await channel.WriteAsync(CliFrame.Start(), cancellationToken);
        log.Fine($"sent {command.Count} argument(s), encoding {Charset}, locale {locale} and START");

        using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpStdinAsync(channel, background.Token);
        var pinger = ping ? PingAsync(channel, background.Token) : Task.CompletedTask;
        try
        {
            if (beforeReading is not null)
            {
                await beforeReading(cancellationToken);
            }

            while (await channel.ReadAsync(cancellationToken) is { } frame)
            {
                switch (frame.Op)
                {
                    case CliOp.Stdout:
                        await stdout.WriteAsync(frame.Payload, cancellationToken);
                        await stdout.FlushAsync(cancellationToken);
                        break;
                    case CliOp.Stderr:
                        await stderr.WriteAsync(frame.Payload, cancellationToken);
                        await stderr.FlushAsync(cancellationToken);
                        break;
                    case CliOp.Exit:
                        var code = frame.ReadInt32();
                        log.Fine($"EXIT {code}");
                        return code;
                    default:
                        log.Fine($"skipped a frame with op {(int)frame.Op}");
                        break;
                }
            }

            throw new CliTransportException("The server closed the session without sending an exit code.");
        }
        finally
        {
            await background.CancelAsync();
            await pinger;
            _ = pump; // stdin may block on a terminal; it is abandoned, as the jar abandons its stdin thread
        }
    }

    private async Task PumpStdinAsync(ICliFrameChannel channel, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var buffer = new byte[StdinChunk];
            int read;
            while ((read = await stdin.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await channel.WriteAsync(CliFrame.Stdin(buffer.AsMemory(0, read).ToArray()), cancellationToken);
            }

            await channel.WriteAsync(CliFrame.EndStdin(), cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            log.Fine($"stdin stopped: {e.Message}");
        }
    }

    private static async Task PingAsync(ICliFrameChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(PingInterval, cancellationToken);
                await channel.WriteAsync(CliFrame.Encoding(Charset), cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // the session is over
        }
    }
}
