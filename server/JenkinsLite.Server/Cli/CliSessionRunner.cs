using System.IO.Pipelines;
using System.Text;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Protocol.Cli;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Cli;

/// <summary>
/// The server half of the plain CLI protocol, the same for both transports (cli.md 2.4): collect ARG,
/// ENCODING and LOCALE until START (bounded), run the command while STDIN frames feed its stdin and
/// ENCODING pings are accepted at any time, send EXIT, give the client a second to close, and return.
/// A malformed frame or a dead client ends only this session. A server that stops ends its sessions with a
/// message and EXIT instead of waiting for them: a client waiting on its own stdin would hold the stop for
/// the host's whole shutdown timeout.
/// </summary>
internal sealed partial class CliSessionRunner(
    CliCommands commands,
    IServiceProvider services,
    JenkinsInstance instance,
    ILogger<CliSessionRunner> logger)
{
    /// <summary>The largest client frame accepted; the jar sends at most 60,000 stdin bytes or a 65,537-byte string.</summary>
    public const int MaxClientPayload = 1024 * 1024;

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

    private CliTimeouts Timeouts => instance.Options.Cli;

    /// <param name="uploadIdle">The <c>-http</c> idle limit on client bytes; null for WebSocket, which pings instead.</param>
    public async Task RunAsync(ICliFrameChannel channel, RequestCaller caller, TimeSpan? uploadIdle, CancellationToken clientGone)
    {
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(clientGone, stopping);
        var aborted = session.Token;
        var stdin = new Pipe(new PipeOptions(pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024));
        var sink = new StdinSink(stdin.Writer);
        var arguments = new List<string>();
        var encoding = Encoding.UTF8;
        var locale = "en";

        // Phase 1: nothing runs before START, and START must come within the limit.
        using (var startLimit = CancellationTokenSource.CreateLinkedTokenSource(aborted))
        {
            startLimit.CancelAfter(Timeouts.Start);
            try
            {
                while (true)
                {
                    var frame = await channel.ReadAsync(startLimit.Token);
                    if (frame is not { } f)
                    {
                        LogClosedBeforeStart(logger, caller.Name);
                        return;
                    }

                    if (f.Op == CliOp.Start)
                    {
                        break;
                    }

                    switch (f.Op)
                    {
                        case CliOp.Arg:
                            arguments.Add(f.ReadString());
                            break;
                        case CliOp.Encoding:
                            encoding = EncodingOf(f.ReadString()) ?? encoding;
                            break;
                        case CliOp.Locale:
                            locale = f.ReadString();
                            break;
                        default:
                            await AcceptStdinAsync(f, sink, startLimit.Token);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                LogNoStart(logger, caller.Name, Timeouts.Start.TotalSeconds);
                return;
            }
            catch (Exception e) when (e is CliProtocolException or IOException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
            {
                LogBrokenSession(logger, caller.Name, e.Message);
                return;
            }
        }

        // Phase 2: the command runs; a client that goes away interrupts it (Jenkins interrupts the thread).
        using var running = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var reader = PumpAsync(channel, sink, uploadIdle, caller.Name, running);
        try
        {
            var stdout = new CliOutput(channel, CliOp.Stdout, encoding);
            var stderr = new CliOutput(channel, CliOp.Stderr, encoding);
            await using var stdinStream = stdin.Reader.AsStream();
            var code = await ExecuteAsync(arguments, caller, stdout, stderr, stdinStream, locale, running.Token);
            await channel.WriteAsync(CliFrame.Exit(code), running.Token);

            // The client exits as soon as EXIT arrives and closes its side; wait a moment for that.
            await Task.WhenAny(reader, Task.Delay(CloseGrace, running.Token));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !clientGone.IsCancellationRequested)
        {
            await TellStoppingAsync(channel, encoding, caller.Name);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException)
        {
            LogBrokenSession(logger, caller.Name, e.Message);
        }
        finally
        {
            await running.CancelAsync();
            await reader; // never returns while it may still read the transport
        }
    }

    // The client prints the message and exits 1, as for any command that failed, instead of a transport error.
    private async Task TellStoppingAsync(ICliFrameChannel channel, Encoding encoding, string who)
    {
        LogEndedByStop(logger, who);
        try
        {
            using var limit = new CancellationTokenSource(CloseGrace);
            await new CliOutput(channel, CliOp.Stderr, encoding).WriteLineAsync("ERROR: Jenkins is shutting down; the command was interrupted.", limit.Token);
            await channel.WriteAsync(CliFrame.Exit(CliExit.Unexpected), limit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException)
        {
            // the client is gone too: nothing to tell
        }
    }

    private async Task<int> ExecuteAsync(List<string> arguments, RequestCaller caller, CliOutput stdout, CliOutput stderr,
        Stream stdin, string locale, CancellationToken cancellationToken)
    {
        if (arguments.Count == 0)
        {
            await stderr.WriteAsync("Connection closed before arguments received", cancellationToken);
            return CliExit.BadArguments;
        }

        var name = arguments[0];
        if (commands.Find(name) is not { } command)
        {
            await stderr.WriteLineAsync($"No such command {name}", cancellationToken);
            return CliExit.BadArguments;
        }

        var context = new CliContext(name, caller, stdout, stderr, stdin, locale, services);
        LogCommand(logger, caller.Name, name);
        try
        {
            // Before parsing, so an unauthorised caller learns nothing from bad arguments (cli.md 5).
            if (command.RequiresOverallRead)
            {
                context.Require(Permission.OverallRead);
            }

            var parsed = command.Syntax.Parse(arguments.Skip(1).ToList());
            return await command.RunAsync(context, parsed, cancellationToken);
        }
        catch (CliException e)
        {
            await stderr.WriteAsync($"\nERROR: {e.Message}\n", cancellationToken);
            if (e.ExitCode == CliExit.BadArguments)
            {
                await stderr.WriteAsync(CliCommands.Usage(command), cancellationToken);
            }

            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not IOException)
        {
            LogCommandFailed(logger, e, name);
            await stderr.WriteAsync($"\nERROR: Unexpected exception occurred while performing {name} command.\n{e.GetType().FullName}: {e.Message}\n", cancellationToken);
            return CliExit.Unexpected;
        }
    }

    /// <summary>Client frames while the command runs: stdin into the pipe, pings and late options ignored.</summary>
    private async Task PumpAsync(ICliFrameChannel channel, StdinSink stdin, TimeSpan? idle, string who, CancellationTokenSource running)
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(running.Token);
                if (idle is { } span)
                {
                    limit.CancelAfter(span);
                }

                CliFrame? frame;
                try
                {
                    frame = await channel.ReadAsync(limit.Token);
                }
                catch (OperationCanceledException) when (!running.IsCancellationRequested)
                {
                    LogIdle(logger, who, idle!.Value.TotalSeconds);
                    break;
                }

                if (frame is not { } f)
                {
                    break;
                }

                await AcceptStdinAsync(f, stdin, running.Token);
            }
        }
        catch (Exception e) when (e is CliProtocolException or IOException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            if (!running.IsCancellationRequested)
            {
                LogBrokenSession(logger, who, e.Message);
            }
        }
        finally
        {
            await stdin.EndAsync();
        }

        // The transport is gone: interrupt the command (after EXIT this changes nothing).
        await running.CancelAsync();
    }

    private async Task AcceptStdinAsync(CliFrame frame, StdinSink stdin, CancellationToken cancellationToken)
    {
        switch (frame.Op)
        {
            case CliOp.Stdin:
                await stdin.WriteAsync(frame.Payload, cancellationToken);
                break;
            case CliOp.EndStdin:
                await stdin.EndAsync();
                break;
            case CliOp.Encoding or CliOp.Locale or CliOp.Arg or CliOp.Start:
                break; // the -http keep-alive, or late options: nothing visible changes
            default:
                LogSkipped(logger, (int)frame.Op);
                break;
        }
    }

    private static Encoding? EncodingOf(string name)
    {
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        }
        catch (ArgumentException)
        {
            return null; // Jenkins only logs an unknown charset and keeps its default
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "CLI: {User} runs {Command}")]
    private static partial void LogCommand(ILogger logger, string user, string command);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "CLI session of {User} closed before START")]
    private static partial void LogClosedBeforeStart(ILogger logger, string user);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "CLI session of {User} sent no START within {Seconds} s; closed")]
    private static partial void LogNoStart(ILogger logger, string user, double seconds);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "CLI session of {User} closed: {Reason}")]
    private static partial void LogBrokenSession(ILogger logger, string user, string reason);

    [LoggerMessage(EventId = 49, Level = LogLevel.Information, Message = "CLI session of {User} ended: the server is stopping")]
    private static partial void LogEndedByStop(ILogger logger, string user);

    [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "CLI session of {User} idle for {Seconds} s; closed")]
    private static partial void LogIdle(ILogger logger, string user, double seconds);

    [LoggerMessage(EventId = 45, Level = LogLevel.Debug, Message = "CLI: skipped a frame with unknown op {Op}")]
    private static partial void LogSkipped(ILogger logger, int op);

    [LoggerMessage(EventId = 46, Level = LogLevel.Error, Message = "CLI command {Command} failed")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, string command);
}
